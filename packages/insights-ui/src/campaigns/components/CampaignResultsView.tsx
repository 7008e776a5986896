import type { ReactNode } from 'react';
import { BarChart, EmptyState, StatCard, TimeSeriesChart, formatDateTime, formatPercent } from '@muster/ui';
import type { CampaignResultsData, FollowThroughData } from '../graphql/campaign-results.graphql.js';
import {
  channelLabel, countText, donationRows, formatPence, formatRate, funnelData, rateNote, stateLabel, stepRate, type FollowThroughRow,
} from '../lib/campaign-results-model.js';

export interface CampaignResultsViewProps {
  data: CampaignResultsData;
  /** How a withheld count reads ("<5" at the organisation's threshold). */
  hiddenLabel?: string;
  /** Heading level of the sections, so the page keeps a sensible outline. */
  headingLevel?: 2 | 3;
  /** Links an action's title to its page (admin); plain text when absent. */
  actionLink?: (action: { id: string; title: string }) => ReactNode;
  /** How the activity feed names a member (e.g. a link to their record); their name when not given. */
  memberLink?: (member: { id: string; fullName: string }) => ReactNode;
  /** Staff only: the volunteer table and the recent activity (client roles get both empty from the API anyway). */
  showPeople?: boolean;
  /** Prefix of the data-testid attributes, so a page can hold two views. */
  testIdPrefix?: string;
}

/** A withheld-aware count cell: data-value only when the number is known. */
function CountCell({ value, hidden }: { value: number | null; hidden: string }) {
  return value === null
    ? <td className="mu-align-end" data-suppressed="true">{hidden}</td>
    : <td className="mu-align-end" data-value={value}>{countText(value, hidden)}</td>;
}

/** Asked, committed, completed, no-show, cancelled, declined and the rate, one row per action, channel or volunteer. */
export function FollowThroughTable({ id, caption, keyHeader, rows, hidden }: { id: string; caption: string; keyHeader: string; rows: readonly (FollowThroughRow & { head?: ReactNode })[]; hidden: string }) {
  return (
    <div className="insights-table-scroll">
      <table className="mu-table mu-table--compact mu-table--static" data-testid={`results-${id}-table`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="mu-align-end">Asked</th>
            <th scope="col" className="mu-align-end">Committed</th>
            <th scope="col" className="mu-align-end">Completed</th>
            <th scope="col" className="mu-align-end">No-show</th>
            <th scope="col" className="mu-align-end">Cancelled</th>
            <th scope="col" className="mu-align-end">Declined</th>
            <th scope="col" className="mu-align-end">Follow-through</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const f = r.followThrough;
            return (
              <tr key={r.key} data-key={r.key} data-testid="results-row">
                <th scope="row">{r.head ?? r.label}</th>
                <CountCell value={f.asked} hidden={hidden} />
                <CountCell value={f.committed} hidden={hidden} />
                <CountCell value={f.completed} hidden={hidden} />
                <CountCell value={f.noShow} hidden={hidden} />
                <CountCell value={f.cancelled} hidden={hidden} />
                <CountCell value={f.declined} hidden={hidden} />
                <td className="mu-align-end" data-testid="rate" data-value={f.rate ?? undefined}>{formatRate(f.rate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Stat({ testId, label, value, suppressedValue, detail, hidden }: { testId: string; label: string; value: number | null; suppressedValue?: boolean; detail?: ReactNode; hidden: string }) {
  return (
    <StatCard testId={testId} label={label} detail={detail}
      value={value === null ? <span data-suppressed={suppressedValue === false ? undefined : 'true'}>{hidden}</span> : <span data-value={value}>{countText(value, hidden)}</span>} />
  );
}

function funnelDetail(f: FollowThroughData, step: 'committed' | 'completed'): string | undefined {
  const share = step === 'committed' ? stepRate(f.asked, f.committed) : stepRate(f.committed, f.completed);
  if (share === null) return undefined;
  return step === 'committed' ? `${formatPercent(share)} of those asked` : `${formatPercent(share)} of those who committed`;
}

/**
 * One campaign's results: the funnel asked → committed → completed, the follow-through rate, results by action, by
 * channel and (staff only) by volunteer, donations over time and (staff only) recent activity. Presentation only:
 * shared by the admin campaign page and the insights dashboards' "Campaigns and actions" panel.
 */
export function CampaignResultsView({ data, hiddenLabel = '<5', headingLevel = 3, actionLink, memberLink, showPeople = true, testIdPrefix = 'results' }: CampaignResultsViewProps) {
  const results = data.campaignResults;
  const donations = data.donationTotals;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!results) return <EmptyState title="No results for this campaign">It may have been deleted, or it belongs to another organisation.</EmptyState>;
  const f = results.funnel;
  const nothingYet = f.asked === 0 && !f.suppressed;
  const volunteers = showPeople ? results.byVolunteer ?? [] : [];
  const activity = showPeople ? results.activity ?? [] : [];
  const names = new Map((results.byVolunteer ?? []).map((v) => [v.user.id, v.user.name ?? v.user.email ?? 'Unknown user']));
  const actions = new Map(results.byAction.map((a) => [a.action.id, a.action]));
  const donationMonths = donationRows(donations);

  return (
    <div className="campaign-results" data-testid={testIdPrefix}>
      <div className="campaign-results__stats">
        <Stat testId={`${testIdPrefix}-asked`} label="Asked" value={f.asked} hidden={hiddenLabel} detail="Members asked to act" />
        <Stat testId={`${testIdPrefix}-committed`} label="Committed" value={f.committed} hidden={hiddenLabel} detail={funnelDetail(f, 'committed') ?? 'Said they would'} />
        <Stat testId={`${testIdPrefix}-completed`} label="Completed" value={f.completed} hidden={hiddenLabel} detail={funnelDetail(f, 'completed') ?? 'Did it'} />
        <StatCard testId={`${testIdPrefix}-rate`} label="Follow-through" detail={rateNote(f)}
          value={<span data-value={f.rate ?? undefined}>{formatRate(f.rate)}</span>} />
        <StatCard testId={`${testIdPrefix}-donations`} label="Donated, net of refunds"
          detail={donations.count === null ? `${hiddenLabel} donations` : `${countText(donations.count, hiddenLabel)} ${donations.count === 1 ? 'donation' : 'donations'}${donations.giftAidPence ? ` · Gift Aid ${formatPence(donations.giftAidPence)}` : ''}`}
          value={donations.netPence === null ? <span data-suppressed="true">{hiddenLabel}</span> : <span data-value={donations.netPence}>{formatPence(donations.netPence)}</span>} />
      </div>

      {nothingYet ? (
        <EmptyState title="No responses yet" testId={`${testIdPrefix}-empty`}>
          Once members are asked — by call, text, email, a web page or at an event — the funnel and follow-through fill in here.
        </EmptyState>
      ) : (
        <>
          <section className="campaign-results__section">
            <H className="campaign-results__heading">Funnel</H>
            <BarChart id={`${testIdPrefix}-funnel`} title="Asked, committed, completed" titleText="Campaign funnel: asked, committed, completed" data={funnelData(f)}
              keyHeader="Step" valueHeader="Members" orientation="vertical" height={220} hiddenLabel={hiddenLabel} showTotal={false} />
            <p className="campaign-results__note">
              Pending (committed, not yet done): <strong data-testid={`${testIdPrefix}-pending`}>{countText(f.pending, hiddenLabel)}</strong>. No-show{' '}
              {countText(f.noShow, hiddenLabel)}, cancelled {countText(f.cancelled, hiddenLabel)}, declined {countText(f.declined, hiddenLabel)}.
              Follow-through is completed ÷ (completed + no-show + cancelled) among those who committed.
            </p>
          </section>
          {results.byAction.length ? (
            <section className="campaign-results__section">
              <FollowThroughTable id="by-action" caption="By action" keyHeader="Action" hidden={hiddenLabel}
                rows={results.byAction.map((a) => ({ key: a.action.id, label: a.action.title, followThrough: a.followThrough, head: actionLink ? actionLink(a.action) : undefined }))} />
            </section>
          ) : null}
          {results.byChannel.length ? (
            <section className="campaign-results__section">
              <FollowThroughTable id="by-channel" caption="By channel (the channel that secured the commitment or completion)" keyHeader="Channel" hidden={hiddenLabel}
                rows={results.byChannel.map((c) => ({ key: c.channel, label: channelLabel(c.channel), followThrough: c.followThrough }))} />
            </section>
          ) : null}
          {showPeople ? (
            <section className="campaign-results__section">
              {volunteers.length ? (
                <FollowThroughTable id="by-volunteer" caption="By volunteer (who secured it)" keyHeader="Volunteer or staff" hidden={hiddenLabel}
                  rows={volunteers.map((v) => ({ key: v.user.id, label: v.user.name ?? v.user.email ?? v.user.id, followThrough: v.followThrough }))} />
              ) : (
                <p className="campaign-results__note" data-testid={`${testIdPrefix}-no-volunteers`}>No response is credited to a volunteer or staff member yet.</p>
              )}
            </section>
          ) : null}
        </>
      )}

      <section className="campaign-results__section">
        <H className="campaign-results__heading">Donations over time</H>
        {donationMonths.length ? (
          <TimeSeriesChart id={`${testIdPrefix}-donations-by-month`} title="Donated by month (£)" titleText="Donated by month, in pounds" rows={donationMonths} xKey="month" kind="bars"
            series={[{ key: 'pounds', label: 'Donated (£)', color: '#0f8a7e' }]} hiddenLabel={hiddenLabel} height={220} />
        ) : (
          <p className="campaign-results__note" data-testid={`${testIdPrefix}-no-donations`}>No donations to this campaign yet.</p>
        )}
      </section>

      {showPeople ? (
        <section className="campaign-results__section">
          <H className="campaign-results__heading">Recent activity</H>
          {activity.length ? (
            <ol className="campaign-activity" data-testid={`${testIdPrefix}-activity`}>
              {activity.map((e) => (
                <li key={e.id} data-testid="activity-item" data-to={e.toState}>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>{' '}
                  {e.member ? <span className="campaign-activity__member">{memberLink ? memberLink(e.member) : e.member.fullName}</span> : null}
                  {e.member ? ' · ' : null}
                  {actions.has(e.actionId) ? <>{actionLink ? actionLink(actions.get(e.actionId)!) : actions.get(e.actionId)!.title}: </> : null}
                  <span>{e.fromState ? `${stateLabel(e.fromState)} → ${stateLabel(e.toState)}` : stateLabel(e.toState)}</span>
                  {e.channel ? <span className="campaign-activity__meta"> · {channelLabel(e.channel)}</span> : null}
                  {e.creditedUserId ? <span className="campaign-activity__meta"> · credited to {names.get(e.creditedUserId) ?? 'a team member'}</span> : null}
                  {e.actor ? <span className="campaign-activity__meta"> · by {e.actor}</span> : null}
                  {e.note ? <span className="campaign-activity__note"> — {e.note}</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="campaign-results__note" data-testid={`${testIdPrefix}-no-activity`}>Nothing has happened in this campaign yet.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

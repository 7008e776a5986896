import type { ReactNode } from 'react';
import {
  BarChart, Button, DonutChart, EmptyState, PageHeader, StatCard, TimeSeriesChart, formatDate, formatDateTime, formatMonth, formatNumber, formatPercent,
  suppressedLabel, type Datum,
} from '@muster/ui';
import type { InsightBreakdown, InsightCount, InsightsDashboardData } from '../graphql/insights.graphql.js';
import { csvFileName } from '../lib/insights-csv.js';
import {
  CONSENT_COLOURS, OTHER_KEY, STATUS_COLOURS, breakdownCsv, breakdownData, consentData, countOf, issueChange, issuesByUnit, issuesCsv, membershipCsv,
  monthRows, movementSummary, rankedData, rate, reachCsv, statusData, toDatum,
} from '../lib/insights-model.js';
import { describeScope, hasUnit, scopeSlug, scopeVariable, unitLabel, type InsightsScope } from '../lib/insights-scope.js';
import { InsightsFilters } from './InsightsFilters.js';
import { InsightsPanel } from './InsightsPanel.js';
import { InsightsSettings, describeThreshold } from './InsightsSettings.js';

export interface InsightsDashboardViewProps {
  data: InsightsDashboardData;
  scope: InsightsScope;
  onScopeChange: (scope: InsightsScope) => void;
  /** A newer answer is on its way (filters changed): the old numbers stay, dimmed. */
  refreshing?: boolean;
  /** The viewer may change the small-number threshold (insights:configure). */
  canConfigure?: boolean;
  /** The "Campaigns and actions" panel's content (it fetches its own data: see CampaignsPanel). */
  campaigns?: (props: { hiddenLabel: string }) => ReactNode;
}

/** A count for a stat card: the number (with data-value for tests), or "<5". */
function Count({ c, hidden }: { c: InsightCount | undefined; hidden: string }) {
  if (!c) return <span data-value={0}>0</span>;
  return c.suppressed || c.count === null ? <span data-suppressed="true">{hidden}</span> : <span data-value={c.count}>{formatNumber(c.count)}</span>;
}

/** Every row but "Other" (which is many units) can be drilled into; "Unknown" filters to members with no unit recorded. */
const drillable = (d: Datum) => d.key !== OTHER_KEY;

/**
 * The insight dashboard for one organisation and scope, from one answer of the API: presentation only (the
 * container, InsightsDashboard, fetches and keeps the scope in the URL). Shared by the portal and the admin app.
 */
export function InsightsDashboardView({ data, scope, onScopeChange, refreshing, canConfigure, campaigns }: InsightsDashboardViewProps) {
  const { organisation, insights } = data;
  const hidden = suppressedLabel(insights.suppressionThreshold);
  const file = (panel: string) => csvFileName(organisation.name, panel, scopeSlug(scope));
  const filtered = scopeVariable(scope) !== null;
  const unitBy = hasUnit(scope.region) ? 'Branch' : 'Region';
  const months = insights.membershipByMonth;
  const movement = movementSummary(months);
  const range = months.length ? `${formatMonth(months[0].month)} to ${formatMonth(months[months.length - 1].month)}` : '';
  const active = countOf(insights.byStatus.rows, 'ACTIVE');
  const smsRate = rate(insights.reach.smsReachable, insights.reach.total);
  const emailRate = rate(insights.reach.emailReachable, insights.reach.total);
  const changes = new Map(insights.issueChanges.rows.map((c) => [c.key, c]));
  const options = (b: InsightBreakdown) => b.rows.map((r) => ({ value: r.key, label: r.label || unitLabel(r.key) }));
  const breakdownChart = (id: string, title: string, keyHeader: string, b: InsightBreakdown, drill?: (key: string) => void) => (
    <BarChart id={id} title={title} titleText={title} data={breakdownData(b)} keyHeader={keyHeader} valueHeader="Members" showPercent
      totalValue={b.total.count} showTotal={!b.total.suppressed} hiddenLabel={hidden}
      onSelect={drill ? (d) => drill(d.key) : undefined} selectable={drillable} selectLabel={(d) => `Show only ${keyHeader.toLowerCase()} ${d.label ?? d.key}`} />
  );
  const isEmpty = (insights.total.count ?? 1) === 0 && !insights.total.suppressed;

  return (
    <div className={refreshing ? 'insights insights--refreshing' : 'insights'} aria-busy={refreshing || undefined} data-testid="insights-dashboard" data-threshold={insights.suppressionThreshold}>
      <PageHeader
        title={<span data-testid="org-name">{organisation.name}</span>}
        description={
          <>
            Membership insights for <strong data-testid="insights-scope">{describeScope(scope)}</strong>. Figures as of{' '}
            <time dateTime={insights.asOf} data-testid="insights-as-of">{formatDateTime(insights.asOf)}</time>.{' '}
            <span data-testid="insights-rule">{describeThreshold(insights.suppressionThreshold)}</span>
          </>
        }
        actions={<Button className="mu-no-print" onClick={() => window.print()} data-testid="print">Print</Button>}
      />
      {canConfigure ? <InsightsSettings organisationId={organisation.id} threshold={insights.suppressionThreshold} /> : null}
      <InsightsFilters scope={scope} regions={options(insights.byRegion)} branches={options(insights.byBranch)} onChange={onScopeChange} />
      {isEmpty ? (
        filtered ? (
          <EmptyState title="No members match these filters" action={<Button onClick={() => onScopeChange({})}>Clear filters</Button>}>
            Try a wider date range or another region or branch.
          </EmptyState>
        ) : (
          <EmptyState title="No members yet">Once members are added or imported, the dashboard fills in here.</EmptyState>
        )
      ) : (
        <div className="mu-grid insights-grid">
          <div className="mu-span-3"><StatCard testId="stat-total" label="Members on record" value={<Count c={insights.total} hidden={hidden} />} detail="All statuses" /></div>
          <div className="mu-span-3"><StatCard testId="stat-active" label="Active members" value={<Count c={active} hidden={hidden} />} detail="Paying or in good standing" /></div>
          <div className="mu-span-3">
            <StatCard testId="stat-joiners" label={`Joined, ${months.length} months`} value={<span data-value={movement.joiners}>{movement.partial ? '≥ ' : ''}{formatNumber(movement.joiners)}</span>}
              detail={`${formatNumber(movement.leavers)} left in the same months`} />
          </div>
          <div className="mu-span-3">
            <StatCard testId="stat-net" label={`Net change, ${months.length} months`}
              value={<span data-value={movement.net} className={movement.net < 0 ? 'insights-negative' : 'insights-positive'}>{movement.net > 0 ? '+' : ''}{formatNumber(movement.net)}</span>}
              detail={movement.partial ? 'Some months withheld (small numbers)' : 'Joiners minus leavers'} />
          </div>

          <InsightsPanel id="membership" title="Membership over time" description={range} hiddenLabel={hidden}
            csv={() => membershipCsv(months)} fileName={file('membership by month')}>
            <div className="insights-pair">
              <TimeSeriesChart id="membership-total" title="Members at month end" titleText="Members at month end" rows={monthRows(months)} xKey="month" kind="area"
                series={[{ key: 'total', label: 'Members', color: '#3147c4' }]} hiddenLabel={hidden} height={240} />
              <TimeSeriesChart id="joiners-leavers" title="Joiners and leavers by month" titleText="Joiners and leavers by month" rows={monthRows(months)} xKey="month" kind="bars"
                series={[{ key: 'joiners', label: 'Joiners', color: '#3147c4' }, { key: 'leavers', label: 'Leavers', color: '#d97706' }]}
                lineSeries={{ key: 'net', label: 'Net', color: '#0f8a7e' }} hiddenLabel={hidden} height={240} />
            </div>
          </InsightsPanel>

          <InsightsPanel id="status" span={4} title="By status" hiddenLabel={hidden} csv={() => breakdownCsv('Status', insights.byStatus)} fileName={file('members by status')}>
            <DonutChart id="by-status" title="Members by status" titleText="Members by status" data={statusData(insights.byStatus.rows)} keyHeader="Status" valueHeader="Members"
              colours={STATUS_COLOURS} centreLabel="members" totalValue={insights.byStatus.total.count} hiddenLabel={hidden} />
          </InsightsPanel>
          <InsightsPanel id="region" span={8} title="By region" description={hasUnit(scope.region) ? undefined : 'Choose a region to see only its members.'} hiddenLabel={hidden}
            csv={() => breakdownCsv('Region', insights.byRegion)} fileName={file('members by region')}>
            {breakdownChart('by-region', 'Members by region', 'Region', insights.byRegion, hasUnit(scope.region) ? undefined : (region) => onScopeChange({ ...scope, region, branch: undefined }))}
          </InsightsPanel>
          <InsightsPanel id="branch" title="By branch" description={hasUnit(scope.branch) ? undefined : 'Choose a branch to see only its members.'} hiddenLabel={hidden}
            csv={() => breakdownCsv('Branch', insights.byBranch)} fileName={file('members by branch')}>
            {breakdownChart('by-branch', 'Members by branch', 'Branch', insights.byBranch, hasUnit(scope.branch) ? undefined : (branch) => onScopeChange({ ...scope, branch }))}
          </InsightsPanel>
          <InsightsPanel id="workplace" span={6} title="By workplace" hiddenLabel={hidden} csv={() => breakdownCsv('Workplace', insights.byWorkplace)} fileName={file('members by workplace')}>
            {breakdownChart('by-workplace', 'Members by workplace', 'Workplace', insights.byWorkplace)}
          </InsightsPanel>
          <InsightsPanel id="employer" span={6} title="By employer" hiddenLabel={hidden} csv={() => breakdownCsv('Employer', insights.byEmployer)} fileName={file('members by employer')}>
            {breakdownChart('by-employer', 'Members by employer', 'Employer', insights.byEmployer)}
          </InsightsPanel>

          <InsightsPanel id="reach" title="Reach and consent" description="Reachable by SMS: a mobile number and SMS consent granted. By email: an address and email consent granted."
            hiddenLabel={hidden} csv={() => reachCsv(insights.reach)} fileName={file('reach and consent')}>
            <div className="insights-rates">
              <StatCard testId="stat-sms" label="Reachable by SMS" value={<Count c={insights.reach.smsReachable} hidden={hidden} />} detail={smsRate === null ? '–' : `${formatPercent(smsRate)} of members`} />
              <StatCard testId="stat-email" label="Reachable by email" value={<Count c={insights.reach.emailReachable} hidden={hidden} />} detail={emailRate === null ? '–' : `${formatPercent(emailRate)} of members`} />
            </div>
            <div className="insights-pair">
              <DonutChart id="sms-consent" title="SMS consent" titleText="SMS consent" data={consentData(insights.reach.smsConsent)} keyHeader="SMS consent" valueHeader="Members"
                colours={CONSENT_COLOURS} centreLabel="members" totalValue={insights.reach.total.count} hiddenLabel={hidden} height={200} />
              <DonutChart id="email-consent" title="Email consent" titleText="Email consent" data={consentData(insights.reach.emailConsent)} keyHeader="Email consent" valueHeader="Members"
                colours={CONSENT_COLOURS} centreLabel="members" totalValue={insights.reach.total.count} hiddenLabel={hidden} height={200} />
            </div>
          </InsightsPanel>

          <InsightsPanel id="issues" title="The issues that matter" description="How many members named each issue, and how that changed over the range"
            hiddenLabel={hidden} csv={() => issuesCsv(insights.topIssues, insights.issuesByUnit, unitBy, insights.issueChanges.rows)} fileName={file('top issues')}>
            <BarChart id="top-issues" title="Top issues" titleText="Top issues members care about" data={rankedData(insights.topIssues)} keyHeader="Issue" valueHeader="Members"
              colour="#7c4dcc" showTotal={false} hiddenLabel={hidden} />
            <div className="insights-table-scroll">
            <table className="mu-table mu-table--compact mu-table--static" data-testid="chart-issue-changes-table">
              <caption>
                How each top issue changed {insights.issueChanges.since ? `since ${formatDate(insights.issueChanges.since)}` : 'over the range (no earlier snapshot yet)'}
                {insights.issueChanges.until ? ` until ${formatDate(insights.issueChanges.until)}` : ''}
              </caption>
              <thead><tr><th scope="col">Issue</th><th scope="col" className="mu-align-end">At the start</th><th scope="col" className="mu-align-end">At the end</th><th scope="col" className="mu-align-end">Change</th></tr></thead>
              <tbody>
                {rankedData(insights.topIssues).map((d) => {
                  const c = changes.get(d.key);
                  const count = (v: InsightCount | null | undefined) =>
                    !v ? '–' : v.suppressed || v.count === null ? <span data-suppressed="true">{hidden}</span> : <span data-value={v.count}>{formatNumber(v.count)}</span>;
                  const k = issueChange(c);
                  return (
                    <tr key={d.key} data-key={d.key}>
                      <th scope="row">{d.label ?? d.key}</th>
                      <td className="mu-align-end">{count(c?.before)}</td>
                      <td className="mu-align-end">{count(c?.now ?? insights.topIssues.find((i) => i.key === d.key))}</td>
                      <td className="mu-align-end" data-testid="issue-change">
                        {k.kind === 'known' ? <span data-value={k.value}>{k.value > 0 ? '+' : ''}{formatNumber(k.value)}</span>
                          : k.kind === 'suppressed' ? <span data-suppressed="true">{hidden}</span> : '–'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </div>
            <div className="insights-table-scroll">
            <table className="mu-table mu-table--compact mu-table--static" data-testid="chart-issues-by-unit-table">
              <caption>Top issues by {unitBy.toLowerCase()}</caption>
              <thead><tr><th scope="col">{unitBy}</th><th scope="col">Issue</th><th scope="col" className="mu-align-end">Members</th></tr></thead>
              <tbody>
                {issuesByUnit(insights.issuesByUnit).flatMap((g) => g.issues.map((i, n) => {
                  const d = toDatum(i);
                  return (
                    <tr key={`${g.unit}/${i.key}`} data-unit={g.unit} data-key={i.key}>
                      <th scope="row">{n === 0 ? g.label : <span className="mu-visually-hidden">{g.label}</span>}</th>
                      <td>{i.label || i.key}</td>
                      <td className="mu-align-end">{d.suppressed ? <span data-suppressed="true">{hidden}</span> : <span data-value={d.value}>{formatNumber(d.value)}</span>}</td>
                    </tr>
                  );
                }))}
              </tbody>
            </table>
            </div>
          </InsightsPanel>

          <InsightsPanel id="campaigns" title="Campaigns and actions" hiddenLabel={hidden}
            description="Follow-through: of the members who committed to an action, the share who did it.">
            {campaigns ? campaigns({ hiddenLabel: hidden }) : (
              <p className="insights-placeholder" data-testid="campaigns-placeholder">Campaign results are not shown in this view.</p>
            )}
          </InsightsPanel>
        </div>
      )}
    </div>
  );
}

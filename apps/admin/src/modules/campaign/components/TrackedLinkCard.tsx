import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useAuth } from '@muster/access-ui';
import type { ResponseChannel } from '@muster/domain';
import { Button, Callout, Card, SelectField, formatNumber, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import type { ActionItem } from '../graphql/campaign.graphql';
import { ACTION_LINK_STATS_QUERY, CREATE_TRACKED_LINK_MUTATION } from '../graphql/tracked-link.graphql';
import { RESPONSE_CHANNEL_LABELS } from '../lib/campaign-labels';

const LINK_CHANNELS: readonly ResponseChannel[] = ['SMS', 'EMAIL', 'WEB', 'CALL', 'EVENT'];

/** Copies text to the clipboard; false when the browser will not (the link is on screen to copy by hand). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The action's public page: its address, and "copy tracked link" — a new short link that counts clicks and credits
 * responses through it to the channel it is sent by (and, if chosen, to the person sending it). Link statistics below.
 */
export function TrackedLinkCard({ action, canWrite }: { action: ActionItem; canWrite: boolean }) {
  const toast = useToast();
  const auth = useAuth();
  const [channel, setChannel] = useState<ResponseChannel>('SMS');
  const [creditMe, setCreditMe] = useState(true);
  const [link, setLink] = useState<{ url: string; copied: boolean } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const stats = useQuery(ACTION_LINK_STATS_QUERY, { variables: { actionId: action.id }, fetchPolicy: 'cache-and-network' });
  const [create, { loading }] = useMutation(CREATE_TRACKED_LINK_MUTATION);
  const me = auth.viewer?.user?.id ?? null;

  const makeLink = async () => {
    setProblem(null);
    try {
      const res = await create({ variables: { input: { actionId: action.id, channel, creditedUserId: creditMe ? me : null } } });
      if (res.error) throw res.error;
      const url = res.data!.createTrackedLink.url;
      const copied = await copy(url);
      setLink({ url, copied });
      toast.notify({ tone: 'success', title: copied ? 'Tracked link copied' : 'Tracked link made', body: copied ? 'Paste it into your text or email.' : 'Copy it from the box below.' });
      void stats.refetch();
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };
  const s = stats.data?.actionLinkStats;

  return (
    <Card title="Public page and links" data-testid="action-links">
      <div className="mu-stack">
        <div className="cmp-url">
          <span>Page:</span> <code data-testid="action-page-url">{action.pageUrl}</code>
          <a href={action.pageUrl} target="_blank" rel="noreferrer">Open</a>
          <Button size="sm" variant="ghost" onClick={() => void copy(action.pageUrl).then((ok) => toast.notify({ tone: ok ? 'success' : 'warning', title: ok ? 'Address copied' : 'Copy it by hand', body: action.pageUrl }))}>Copy address</Button>
        </div>
        {action.status !== 'OPEN' ? <Callout tone="warning" title="The page is not taking sign-ups">Set the action to Open for its page to accept responses.</Callout> : null}
        {canWrite ? (
          <div className="cmp-filters">
            <SelectField label="Sent by" value={channel} options={LINK_CHANNELS.map((c) => ({ value: c, label: RESPONSE_CHANNEL_LABELS[c] }))} onChange={(e) => setChannel(e.target.value as ResponseChannel)} data-testid="link-channel" />
            <label className="cmp-checks"><input type="checkbox" checked={creditMe} onChange={(e) => setCreditMe(e.target.checked)} data-testid="link-credit-me" /> Credit responses to me</label>
            <Button variant="primary" busy={loading} onClick={() => void makeLink()} data-testid="copy-tracked-link">Copy tracked link</Button>
          </div>
        ) : null}
        {link ? (
          <div className="cmp-url" data-testid="tracked-link" data-copied={link.copied ? 'true' : 'false'}>
            <span>{link.copied ? 'Copied:' : 'Copy this link:'}</span> <code data-testid="tracked-link-url">{link.url}</code>
          </div>
        ) : null}
        {problem ? (
          <Callout tone="danger" title="Could not make a link"><span data-testid="link-error">{problem.message}</span> <span className="admin-muted">(error code {problem.code})</span></Callout>
        ) : null}
        <p className="cmp-muted" data-testid="link-stats">
          {s ? (
            <>
              <span data-testid="link-stats-links" data-value={s.links}>{formatNumber(s.links)}</span> tracked {s.links === 1 ? 'link' : 'links'},{' '}
              <span data-testid="link-stats-clicks" data-value={s.clicks}>{formatNumber(s.clicks)}</span> {s.clicks === 1 ? 'click' : 'clicks'} by {formatNumber(s.uniqueClickers)}{' '}
              {s.uniqueClickers === 1 ? 'person' : 'people'}, <span data-testid="link-stats-submissions" data-value={s.submissions}>{formatNumber(s.submissions)}</span> page {s.submissions === 1 ? 'submission' : 'submissions'}.
            </>
          ) : stats.error ? `Link statistics are not available (${toApiProblem(stats.error).code}).` : 'Counting clicks…'}
        </p>
      </div>
    </Card>
  );
}

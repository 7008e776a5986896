import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Button, TextField, toApiProblem, useToast } from '@muster/ui';
import { UPDATE_INSIGHT_SETTINGS_MUTATION } from '../graphql/insights.graphql.js';

/** Reads a threshold typed by a person: a whole number from 0 (off) to 1000, else the problem in words. */
export function parseThreshold(text: string): { value: number } | { problem: string } {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t) || Number(t) > 1000) return { problem: 'A whole number from 0 (show every count) to 1000.' };
  return { value: Number(t) };
}

/** What the small-number rule in force means, in words. */
export function describeThreshold(threshold: number): string {
  if (threshold <= 0) return 'Every count is shown as it is (small numbers are not withheld).';
  if (threshold === 1) return 'Every count is shown.';
  return `Counts from 1 to ${threshold - 1} are shown as “<${threshold}” so no one can be identified.`;
}

/**
 * The organisation's small-number threshold, for people with insights:configure (the app decides who sees it; the API
 * refuses everyone else anyway). Saving re-reads the dashboard so every panel applies the new rule.
 */
export function InsightsSettings({ organisationId, threshold }: { organisationId: string; threshold: number }) {
  const [draft, setDraft] = useState(String(threshold));
  const [problem, setProblem] = useState<string | null>(null);
  const toast = useToast();
  const [save, { loading }] = useMutation(UPDATE_INSIGHT_SETTINGS_MUTATION, { refetchQueries: ['InsightsDashboard'], awaitRefetchQueries: true });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseThreshold(draft);
    if ('problem' in parsed) return setProblem(parsed.problem);
    setProblem(null);
    try {
      await save({ variables: { organisationId, suppressionThreshold: parsed.value } });
      toast.notify({ tone: 'success', title: 'Small-number rule saved', body: describeThreshold(parsed.value) });
    } catch (error) {
      setProblem(toApiProblem(error).message);
    }
  };
  return (
    <details className="insights-settings mu-no-print" data-testid="insights-settings">
      <summary>Small-number rule</summary>
      <form onSubmit={(e) => void submit(e)} className="insights-settings__form">
        <TextField label="Withhold counts below" inputMode="numeric" value={draft} onChange={(e) => setDraft(e.target.value)} error={problem}
          hint="0 shows every count. The same rule applies in the portal, the admin app, CSV files and the API." data-testid="insights-threshold" />
        <Button type="submit" variant="primary" disabled={loading} data-testid="insights-threshold-save">{loading ? 'Saving…' : 'Save'}</Button>
      </form>
    </details>
  );
}

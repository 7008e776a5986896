import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation } from '@apollo/client/react';
import {
  Button, Callout, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, buttonClass, formatNumber, pluralise, toApiProblem, useToast,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import { SessionDownloadLink } from '../lib/SessionDownloadLink';
import {
  CANCEL_MEMBER_IMPORT_MUTATION, START_IMPORT_DRY_RUN_MUTATION, START_MEMBER_IMPORT_MUTATION, UPDATE_MEMBER_IMPORT_MUTATION, type ImportStatus, type MemberImport,
} from '../modules/import/graphql/import.graphql';
import { useMemberImport } from '../modules/import/hooks/useMemberImport';
import { DRY_RUN_ACTIVE, IMPORT_ACTIVE, canCancel, isEditable, isFinished } from '../modules/import/lib/import-progress';
import { draftChanges, draftFrom, sameDraft, type ImportDraft } from '../modules/import/lib/import-mapping';
import { ImportFileSummary } from '../modules/import/components/ImportFileSummary';
import { ImportMappingEditor } from '../modules/import/components/ImportMappingEditor';
import { ImportOptions } from '../modules/import/components/ImportOptions';
import { SavedMappings } from '../modules/import/components/SavedMappings';
import { ImportCountsGrid, ImportSamples } from '../modules/import/components/ImportCounts';
import { ImportProgressPanel } from '../modules/import/components/ImportProgressPanel';
import { ImportReport } from '../modules/import/components/ImportReport';
import { ImportStatusBadge } from '../modules/import/components/ImportStatusBadge';

function ImportWorkflow({ orgId, memberImport: m }: { orgId: string; memberImport: MemberImport }) {
  const toast = useToast();
  const saved = draftFrom(m);
  const [draft, setDraft] = useState<ImportDraft>(saved);
  const [baseline, setBaseline] = useState<ImportDraft>(saved);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [update, { loading: updating }] = useMutation(UPDATE_MEMBER_IMPORT_MUTATION);
  const [startDryRun, { loading: startingDryRun }] = useMutation(START_IMPORT_DRY_RUN_MUTATION);
  const [startImport, { loading: startingImport }] = useMutation(START_MEMBER_IMPORT_MUTATION);
  const [cancel, { loading: cancelling }] = useMutation(CANCEL_MEMBER_IMPORT_MUTATION);

  // When the saved settings change underneath (another tab, or our own update), follow them unless this page has edits.
  const savedKey = JSON.stringify(saved);
  useEffect(() => {
    const next = JSON.parse(savedKey) as ImportDraft;
    if (sameDraft(baseline, next)) return;
    setDraft((d) => (sameDraft(d, baseline) ? next : d));
    setBaseline(next);
    // Only a change of the saved settings matters here; baseline is what they were.
  }, [savedKey]);

  const dirty = !sameDraft(baseline, draft);
  // A real run has a duration; a cancelled or failed dry run (or a run that failed before its first row) leaves the
  // import open for new settings and another dry run, while a real one stopped part-way can only resume.
  const stopped = m.status === 'CANCELLED' || m.status === 'FAILED';
  const realRun = m.durationSeconds != null;
  const editable = isEditable(m.status) || (stopped && !realRun);
  const dryRunning = DRY_RUN_ACTIVE.includes(m.status);
  const importing = IMPORT_ACTIVE.includes(m.status);
  const busy = updating || startingDryRun || startingImport;

  const runDryRun = async () => {
    setProblem(null);
    try {
      const changes = draftChanges(baseline, draft);
      if (Object.keys(changes).length) {
        const result = await update({ variables: { input: { id: m.id, ...changes } } });
        if (result.data) {
          // What the API kept is the truth from here on (it may normalise what it was sent).
          const next = draftFrom(result.data.updateMemberImport);
          setBaseline(next);
          setDraft(next);
        }
      }
      await startDryRun({ variables: { id: m.id } });
    } catch (error) {
      const p = toApiProblem(error);
      setProblem(`${p.message} (${p.code}${p.requestId ? `, request ${p.requestId}` : ''})`);
    }
  };

  const runImport = async () => {
    setProblem(null);
    try {
      // No toast: the progress view replaces the button at once (and a toast would sit over its Cancel button).
      await startImport({ variables: { id: m.id } });
    } catch (error) {
      const p = toApiProblem(error);
      setProblem(`${p.message} (${p.code}${p.requestId ? `, request ${p.requestId}` : ''})`);
    }
  };

  const confirmCancelImport = async () => {
    try {
      await cancel({ variables: { id: m.id } });
      toast.notify({ tone: 'warning', title: dryRunning ? 'Dry run cancelled' : 'Cancelling the import', body: dryRunning ? undefined : 'It stops after the current batch; rows already imported stay.' });
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not cancel', body: `${p.message} (${p.code})` });
    } finally {
      setConfirmCancel(false);
    }
  };

  const dryRunShown = m.dryRun && !dirty && m.status === 'DRY_RUN_DONE';
  return (
    <div className="mu-stack">
      <Card title="The file" description="What Muster found in it. If the first rows look wrong, check the file’s separator and encoding and upload it again.">
        <ImportFileSummary memberImport={m} />
      </Card>

      {editable || dryRunning ? (
        <>
          <Card title="1. Map the columns" description="Choose where each column goes. Muster suggested a field for the columns it recognised.">
            <div className="mu-stack">
              <SavedMappings organisationId={orgId} columns={m.columns} fields={draft.fields} onApply={(fields) => setDraft((d) => ({ ...d, fields }))} disabled={!editable} />
              <ImportMappingEditor
                columns={m.columns}
                fields={draft.fields}
                disabled={!editable}
                onChange={(index, field) =>
                  setDraft((d) => {
                    const fields = [...d.fields];
                    fields[index] = field;
                    return { ...d, fields };
                  })
                }
              />
            </div>
          </Card>
          <Card title="2. Matching and overwriting">
            <ImportOptions
              matchOrder={draft.matchOrder}
              keepExisting={draft.keepExisting}
              fields={draft.fields}
              disabled={!editable}
              onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
            />
          </Card>
          <Card title="3. Dry run, then import" description="The dry run reads the whole file and works out what would happen, without changing any member.">
            <div className="mu-stack" data-testid="dry-run">
              {problem ? <Callout tone="danger" title="That did not work">{problem}</Callout> : null}
              {stopped && !realRun ? (
                <Callout tone={m.status === 'FAILED' ? 'danger' : 'warning'} title={m.status === 'FAILED' ? 'The last run failed' : 'The dry run was cancelled'}>
                  {m.status === 'FAILED' && m.error ? `${m.error} ` : ''}No member was changed. Adjust the settings if needed and run the dry run again.
                </Callout>
              ) : null}
              {dryRunning ? (
                <ImportProgressPanel memberImport={m} dryRun onCancel={canCancel(m.status) ? () => setConfirmCancel(true) : undefined} cancelling={cancelling} />
              ) : null}
              {dirty && m.dryRun ? (
                <Callout tone="warning" title="Settings changed since the dry run">Run the dry run again to see what these settings would do.</Callout>
              ) : null}
              {dryRunShown && m.dryRun ? (
                <>
                  <ImportCountsGrid counts={m.dryRun} testId="dry-run-counts" future />
                  <ImportSamples samples={m.dryRunSamples} />
                  {m.rejectsUrl && m.dryRun.rejected > 0 ? (
                    <p>
                      <SessionDownloadLink className={buttonClass('secondary', 'md', 'admin-wrap-btn')} href={m.rejectsUrl} fallbackName="rejects.csv" testId="dry-run-rejects-download">
                        Download the {pluralise(m.dryRun.rejected, 'rejected row')} (CSV, with a reason for each)
                      </SessionDownloadLink>
                    </p>
                  ) : null}
                </>
              ) : null}
              {editable ? (
                <div className="mu-form-actions">
                  <Button variant={dryRunShown ? 'secondary' : 'primary'} onClick={() => void runDryRun()} busy={updating || startingDryRun} disabled={busy} data-testid="start-dry-run">
                    {m.dryRun ? 'Run the dry run again' : 'Run a dry run'}
                  </Button>
                  {dryRunShown && m.dryRun ? (
                    <Button variant="primary" onClick={() => void runImport()} busy={startingImport} disabled={busy} data-testid="start-import">
                      Import {formatNumber(m.dryRun.total - m.dryRun.rejected)} rows
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </div>
          </Card>
        </>
      ) : null}

      {importing ? (
        <Card title={m.status === 'CANCELLING' ? 'Cancelling' : 'Importing'} description="Runs in the background: leaving this page does not stop it.">
          <ImportProgressPanel memberImport={m} dryRun={false} onCancel={canCancel(m.status) ? () => setConfirmCancel(true) : undefined} cancelling={cancelling} />
        </Card>
      ) : null}

      {isFinished(m.status) && (m.status === 'COMPLETED' || realRun) ? (
        <Card
          title="Report"
          actions={
            m.status === 'COMPLETED' ? (
              <Link className={buttonClass('primary', 'sm')} to={`/orgs/${orgId}/members`} data-testid="view-members">View members</Link>
            ) : (
              <Button size="sm" variant="primary" onClick={() => void runImport()} busy={startingImport} data-testid="resume-import">
                Resume the import
              </Button>
            )
          }
        >
          <div className="mu-stack">
            {problem ? <Callout tone="danger" title="That did not work">{problem}</Callout> : null}
            <ImportReport memberImport={m} />
          </div>
        </Card>
      ) : null}

      <ConfirmDialog
        open={confirmCancel}
        title={dryRunning ? 'Cancel the dry run?' : 'Cancel this import?'}
        confirmLabel={dryRunning ? 'Cancel dry run' : 'Cancel import'}
        cancelLabel="Keep going"
        tone="danger"
        busy={cancelling}
        onConfirm={() => void confirmCancelImport()}
        onCancel={() => setConfirmCancel(false)}
      >
        {dryRunning
          ? 'No member has been changed. You can adjust the settings and run the dry run again.'
          : `The ${formatNumber(m.progress.done)} rows done so far stay imported; the rest of the file is not. You can resume it later from where it stopped, without duplicating anyone.`}
      </ConfirmDialog>
    </div>
  );
}

function ImportDetail({ orgId, importId }: { orgId: string; importId: string }) {
  const toast = useToast();
  const onFinished = useCallback(
    (status: ImportStatus) => {
      if (status === 'COMPLETED') toast.notify({ tone: 'success', title: 'Import complete', body: 'The report below says what changed.' });
      if (status === 'FAILED') toast.notify({ tone: 'danger', title: 'The import failed', body: 'The report below says why.' });
    },
    [toast],
  );
  const { data, error, refetch } = useMemberImport(importId, onFinished);
  const m = data?.memberImport;
  const problem = error ? toApiProblem(error) : null;

  let body;
  if (problem && !m) {
    body =
      problem.code === 'NOT_FOUND' ? (
        <EmptyState title="Import not found">It may belong to another organisation, or the link is wrong.</EmptyState>
      ) : (
        <ErrorState title="Could not load the import" problem={problem} onRetry={() => void refetch()} />
      );
  } else if (m === undefined) {
    body = <LoadingState label="Loading the import…" />;
  } else if (m === null) {
    body = <EmptyState title="Import not found">It may belong to another organisation, or the link is wrong.</EmptyState>;
  } else {
    body = <ImportWorkflow key={m.id} orgId={orgId} memberImport={m} />;
  }

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={`/orgs/${orgId}/imports`}>Imports</Link>}
        title={m ? m.fileName : 'Import'}
        description={m ? <ImportStatusBadge status={m.status} /> : undefined}
      />
      {body}
    </>
  );
}

export function ImportDetailPage() {
  const { orgId = '', importId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="member:import" what="import members">
      <ImportDetail orgId={orgId} importId={importId} />
    </RequireCapability>
  );
}

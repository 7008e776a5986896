import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { emptySegmentDefinition, type SegmentDefinition } from '@muster/domain';
import { Button, Callout, Card, ErrorState, LoadingState, PageHeader, TextAreaField, TextField, formatNumber, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { SegmentBuilder } from '../modules/segment/components/SegmentBuilder';
import { CREATE_SEGMENT_MUTATION, SEGMENT_QUERY, UPDATE_SEGMENT_MUTATION } from '../modules/segment/graphql/segment.graphql';
import { useSegmentPickerOptions } from '../modules/segment/hooks/useSegmentPickerOptions';
import { useSegmentPreview } from '../modules/segment/hooks/useSegmentPreview';

/** New segment (no :segmentId) or edit an existing one: name, description, the builder and its live count. */
export function SegmentEditPage() {
  const { orgId = '', segmentId } = useParams();
  const existing = useQuery(SEGMENT_QUERY, { variables: { id: segmentId ?? '' }, skip: !segmentId });
  if (segmentId && existing.error) return <ErrorState title="Could not load the segment" problem={toApiProblem(existing.error)} onRetry={() => void existing.refetch()} />;
  if (segmentId && !existing.data) return <LoadingState label="Loading the segment…" />;
  const segment = existing.data?.segment;
  return (
    <SegmentForm
      key={segment?.id ?? 'new'}
      organisationId={orgId}
      segmentId={segment?.id}
      initial={{ name: segment?.name ?? '', description: segment?.description ?? '', definition: segment?.definition ?? emptySegmentDefinition() }}
      frozen={!!segment?.frozenAt}
    />
  );
}

function SegmentForm({ organisationId, segmentId, initial, frozen }: {
  organisationId: string; segmentId?: string; initial: { name: string; description: string; definition: SegmentDefinition }; frozen: boolean;
}) {
  const navigate = useNavigate();
  const toast = useToast();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [definition, setDefinition] = useState<SegmentDefinition>(initial.definition);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const options = useSegmentPickerOptions(organisationId, segmentId);
  const preview = useSegmentPreview(organisationId, definition);
  const [create, { loading: creating }] = useMutation(CREATE_SEGMENT_MUTATION);
  const [update, { loading: updating }] = useMutation(UPDATE_SEGMENT_MUTATION);
  useEffect(() => setProblem(null), [name, definition]);

  const save = async () => {
    try {
      const input = { name, description: description.trim() || null, ...(frozen ? {} : { definition }) };
      const res = segmentId
        ? await update({ variables: { id: segmentId, input } })
        : await create({ variables: { input: { organisationId, ...input, definition } } });
      if (res.error) throw res.error;
      const saved = segmentId ? (res.data as { updateSegment: { id: string; name: string } }).updateSegment : (res.data as { createSegment: { id: string; name: string } }).createSegment;
      toast.notify({ tone: 'success', title: segmentId ? 'Segment saved' : 'Segment created', body: `“${saved.name}” is ready.` });
      navigate(`/orgs/${organisationId}/segments/${saved.id}`);
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };
  const fieldError = (path: string) => problem?.fields.find((f) => f.path === path)?.message ?? null;
  const definitionProblems = problem?.fields.filter((f) => f.path.startsWith('input.definition')) ?? [];

  return (
    <>
      <PageHeader title={segmentId ? `Edit “${initial.name}”` : 'New segment'} description="Combine conditions in groups; the count updates as you edit." />
      <div className="mu-stack">
        <Card title="Live count" data-testid="segment-preview">
          <div className="seg-count" aria-live="polite">
            {preview.problem ? (
              <Callout tone="danger" title="Cannot count this segment">
                <span data-testid="preview-problem">{preview.problem.message}</span>
              </Callout>
            ) : (
              <span className="seg-count__value" data-testid="preview-count" data-value={preview.count ?? ''} data-loading={preview.loading ? 'true' : 'false'}>
                {preview.count === null ? '…' : `${formatNumber(preview.count)} ${preview.count === 1 ? 'member' : 'members'}`}
              </span>
            )}
            {preview.incomplete > 0 ? (
              <span className="seg-count__note" data-testid="preview-incomplete">
                {preview.incomplete === 1 ? '1 unfinished condition is' : `${preview.incomplete} unfinished conditions are`} not counted yet.
              </span>
            ) : null}
            {preview.loading ? <span className="seg-count__note">Counting…</span> : null}
          </div>
        </Card>
        <Card title="Details">
          <div className="mu-stack">
            <TextField label="Name" required value={name} maxLength={200} onChange={(e) => setName(e.target.value)} error={fieldError('input.name')} data-testid="segment-name" />
            <TextAreaField label="Description (optional)" value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} data-testid="segment-description" />
          </div>
        </Card>
        <Card title="Conditions">
          {frozen ? (
            <Callout tone="info" title="This segment is frozen">Its members are a snapshot. Unfreeze it on its page to change the conditions.</Callout>
          ) : (
            <SegmentBuilder definition={definition} onChange={setDefinition} options={options} />
          )}
        </Card>
        {problem ? (
          <Callout tone="danger" title="Could not save the segment">
            <p>{definitionProblems.length ? 'Some conditions need attention:' : problem.message}</p>
            {definitionProblems.length ? (
              <ul className="seg-problems" data-testid="save-problems">
                {definitionProblems.map((f) => <li key={f.path}>{f.path.replace('input.definition.root.', 'Condition ').replace(/children\.(\d+)/g, (_m, i: string) => String(Number(i) + 1))}: {f.message}</li>)}
              </ul>
            ) : null}
          </Callout>
        ) : null}
        <div className="mu-row">
          <Button variant="primary" onClick={() => void save()} busy={creating || updating} data-testid="save-segment">
            {segmentId ? 'Save segment' : 'Create segment'}
          </Button>
          <Button onClick={() => navigate(segmentId ? `/orgs/${organisationId}/segments/${segmentId}` : `/orgs/${organisationId}/segments`)}>Cancel</Button>
        </div>
      </div>
    </>
  );
}

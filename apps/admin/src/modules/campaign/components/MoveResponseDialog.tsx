import { useEffect, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import type { ResponseState } from '@muster/domain';
import { Callout, ConfirmDialog, SelectField, TextAreaField, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { RECORD_ACTION_RESPONSE_MUTATION, type ActionResponseItem } from '../graphql/campaign.graphql';
import { RESPONSE_STATE_LABELS, movesFrom } from '../lib/campaign-labels';

/**
 * Moves a member's response to another state after confirming. Offers the moves the domain's table allows from the
 * state on screen; the API checks again against the state in the database, and its refusal (RESPONSE_TRANSITION_INVALID,
 * e.g. when someone else moved it meanwhile) is shown word for word with its code, and the list behind is refreshed.
 */
export function MoveResponseDialog({ response, onClose, onMoved }: { response: ActionResponseItem | null; onClose: () => void; onMoved: () => void }) {
  const toast = useToast();
  const moves = response ? movesFrom(response.state) : [];
  const [to, setTo] = useState<ResponseState | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [record, { loading }] = useMutation(RECORD_ACTION_RESPONSE_MUTATION);
  useEffect(() => {
    setTo(response ? movesFrom(response.state)[0] ?? '' : '');
    setNote('');
    setProblem(null);
  }, [response]);
  // Only the open dialog is in the page: ConfirmDialog's title id is fixed, so two dialogs would share it.
  if (!response) return null;
  const who = response.member?.fullName ?? 'this member';

  const confirm = async () => {
    if (!to) return;
    setProblem(null);
    try {
      const res = await record({ variables: { input: { actionId: response.actionId, memberId: response.memberId, state: to, channel: 'STAFF', note: note.trim() || null } } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Response moved', body: `${who}: ${RESPONSE_STATE_LABELS[response.state]} → ${RESPONSE_STATE_LABELS[to]}.` });
      onMoved();
      onClose();
    } catch (error) {
      const p = toApiProblem(error);
      setProblem(p);
      // Refused because it moved meanwhile: refresh the list behind the dialog, so closing it shows where it is now.
      if (p.code === 'RESPONSE_TRANSITION_INVALID') onMoved();
    }
  };

  return (
    <ConfirmDialog
      open
      title={`Move ${who}’s response?`}
      confirmLabel={to ? `Move to ${RESPONSE_STATE_LABELS[to]}` : 'Move'}
      busy={loading}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      <div className="mu-stack" data-testid="move-dialog">
        <p>
          “{response.action.title}” is <strong>{RESPONSE_STATE_LABELS[response.state]}</strong>. The move is recorded in the response’s history as made by you, through staff.
        </p>
        {moves.length ? (
          <SelectField label="Move to" value={to} options={moves.map((s) => ({ value: s, label: RESPONSE_STATE_LABELS[s] }))} onChange={(e) => setTo(e.target.value as ResponseState)} data-testid="move-to" />
        ) : (
          <p data-testid="move-final">A completed response is final: it cannot be moved.</p>
        )}
        <TextAreaField label="Note (optional)" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="move-note" />
        {problem ? (
          <Callout tone="danger" title="The response was not moved">
            <span data-testid="move-error" data-code={problem.code}>{problem.message}</span>{' '}
            <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

import { useEffect, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { RESPONSE_CHANNELS, type ResponseChannel, type ResponseState } from '@muster/domain';
import { Callout, ConfirmDialog, SelectField, TextAreaField, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { RECORD_ACTION_RESPONSE_MUTATION } from '../graphql/campaign.graphql';
import { RESPONSE_CHANNEL_LABELS, RESPONSE_STATE_LABELS, RESPONSE_STATE_ORDER } from '../lib/campaign-labels';
import { MemberPicker } from './MemberPicker';

/**
 * Records a member's response to an action by hand — a call's outcome, attendance at an event, a paper sign-up: the
 * member, the state, the channel that secured it and who to credit. A member who already responded is moved (the API
 * checks the move against the state machine and its refusal is shown with its code).
 */
export function RecordResponseDialog({ open, organisationId, actionId, team, onClose, onRecorded }: {
  open: boolean; organisationId: string; actionId: string; team: ReadonlyArray<{ id: string; name: string }>; onClose: () => void; onRecorded: () => void;
}) {
  const toast = useToast();
  const [memberId, setMemberId] = useState('');
  const [state, setState] = useState<ResponseState>('COMMITTED');
  const [channel, setChannel] = useState<ResponseChannel>('CALL');
  const [credit, setCredit] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [missing, setMissing] = useState(false);
  const [record, { loading }] = useMutation(RECORD_ACTION_RESPONSE_MUTATION);
  useEffect(() => {
    if (!open) return;
    setMemberId(''); setState('COMMITTED'); setChannel('CALL'); setCredit(''); setNote(''); setProblem(null); setMissing(false);
  }, [open]);

  const confirm = async () => {
    if (!memberId) return setMissing(true);
    setProblem(null);
    try {
      const res = await record({ variables: { input: { actionId, memberId, state, channel, creditedUserId: credit || null, note: note.trim() || null } } });
      if (res.error) throw res.error;
      const saved = res.data!.recordActionResponse;
      toast.notify({ tone: 'success', title: 'Response recorded', body: `${saved.member?.fullName ?? 'The member'} is ${RESPONSE_STATE_LABELS[saved.state].toLowerCase()}.` });
      onRecorded();
      onClose();
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };

  if (!open) return null; // only the open dialog is in the page (ConfirmDialog's title id is fixed)
  return (
    <ConfirmDialog open title="Record a response" confirmLabel="Record" busy={loading} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="mu-stack" data-testid="record-dialog">
        <MemberPicker organisationId={organisationId} value={memberId} onChange={(id) => { setMemberId(id); setMissing(false); }} />
        {missing ? <p className="mu-field__error" role="alert">Find and choose the member first.</p> : null}
        <div className="cmp-form-grid">
          <SelectField label="State" value={state} data-testid="record-state" options={RESPONSE_STATE_ORDER.filter((s) => s !== 'REMINDED').map((s) => ({ value: s, label: RESPONSE_STATE_LABELS[s] }))}
            onChange={(e) => setState(e.target.value as ResponseState)} />
          <SelectField label="Channel" value={channel} data-testid="record-channel" options={RESPONSE_CHANNELS.map((c) => ({ value: c, label: RESPONSE_CHANNEL_LABELS[c] }))}
            onChange={(e) => setChannel(e.target.value as ResponseChannel)} hint="The channel that secured it." />
          <SelectField label="Credit to" placeholder="No one" value={credit} data-testid="record-credit" options={team.map((t) => ({ value: t.id, label: t.name }))}
            onChange={(e) => setCredit(e.target.value)} hint="The volunteer or staff member who secured it." />
        </div>
        <TextAreaField label="Note (optional)" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="record-note" />
        {problem ? (
          <Callout tone="danger" title="The response was not recorded">
            <span data-testid="record-error" data-code={problem.code}>{problem.fields[0]?.message ?? problem.message}</span>{' '}
            <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

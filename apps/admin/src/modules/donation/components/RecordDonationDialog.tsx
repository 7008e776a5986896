import { useEffect, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { formatPence } from '@muster/insights-ui';
import { Callout, ConfirmDialog, SelectField, TextAreaField, TextField, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { MemberPicker } from '../../campaign/components/MemberPicker';
import { RECORD_DONATION_MUTATION } from '../graphql/donation.graphql';
import { parsePounds } from '../lib/donation-labels';

const MAX_PENCE = 100_000_000; // £1,000,000: a typing slip, not a gift

/**
 * Records a gift received outside the card provider — cash at a meeting, a cheque — against a member (or anonymous)
 * and a campaign. It is recorded as paid (provider MANUAL) and audit-logged by the API. Gift Aid needs a declaration,
 * which this form does not take: such gifts are recorded without it.
 */
export function RecordDonationDialog({ open, organisationId, campaigns, defaultCampaignId, onClose, onRecorded }: {
  open: boolean; organisationId: string; campaigns: ReadonlyArray<{ value: string; label: string }>; defaultCampaignId?: string; onClose: () => void; onRecorded: () => void;
}) {
  const toast = useToast();
  const [memberId, setMemberId] = useState('');
  const [amount, setAmount] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [record, { loading }] = useMutation(RECORD_DONATION_MUTATION);
  useEffect(() => {
    if (!open) return;
    setMemberId(''); setAmount(''); setCampaignId(defaultCampaignId ?? ''); setNote(''); setAmountError(null); setProblem(null);
  }, [open, defaultCampaignId]);

  const confirm = async () => {
    const parsed = parsePounds(amount);
    if ('problem' in parsed) return setAmountError(parsed.problem);
    if (parsed.pence > MAX_PENCE) return setAmountError('That is more than £1,000,000: check the amount.');
    setProblem(null);
    try {
      const res = await record({ variables: { input: { organisationId, memberId: memberId || null, campaignId: campaignId || null, amountPence: parsed.pence, giftAid: false, note: note.trim() || null } } });
      if (res.error) throw res.error;
      const saved = res.data!.recordDonation;
      toast.notify({ tone: 'success', title: 'Donation recorded', body: `${formatPence(saved.amountPence)} from ${saved.member?.fullName ?? 'an anonymous donor'}.` });
      onRecorded();
      onClose();
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };

  if (!open) return null; // only the open dialog is in the page (ConfirmDialog's title id is fixed)
  return (
    <ConfirmDialog open title="Record a cash or cheque gift" confirmLabel="Record gift" busy={loading} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="mu-stack" data-testid="record-donation-dialog">
        <MemberPicker organisationId={organisationId} value={memberId} onChange={setMemberId} label="Donor" optional />
        <div className="cmp-form-grid">
          <TextField label="Amount (£)" required inputMode="decimal" value={amount} error={amountError} data-testid="donation-amount-input"
            onChange={(e) => { setAmount(e.target.value); setAmountError(null); }} />
          <SelectField label="Campaign" placeholder="No campaign" value={campaignId} options={campaigns} onChange={(e) => setCampaignId(e.target.value)} data-testid="donation-campaign-input" />
        </div>
        <TextAreaField label="Note (optional)" hint="Cheque number, where it was collected…" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="donation-note-input" />
        {problem ? (
          <Callout tone="danger" title="The gift was not recorded">
            <span data-testid="record-donation-error" data-code={problem.code}>{problem.fields[0]?.message ?? problem.message}</span>{' '}
            <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

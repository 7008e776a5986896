import { useEffect, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { formatPence } from '@muster/insights-ui';
import { Callout, ConfirmDialog, TextAreaField, TextField, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { REFUND_DONATION_MUTATION, type DonationItem } from '../graphql/donation.graphql';
import { parseRefund, refundable } from '../lib/donation-labels';

/**
 * Refunds all or part of a donation after confirming: amount (defaults to what is left) and a reason, which goes to
 * the audit log. Card payments are refunded at the provider; the API's refusal is shown with its code.
 */
export function RefundDialog({ donation, onClose, onRefunded }: { donation: DonationItem | null; onClose: () => void; onRefunded: () => void }) {
  const toast = useToast();
  const left = donation ? refundable(donation) : 0;
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [refund, { loading }] = useMutation(REFUND_DONATION_MUTATION);
  useEffect(() => {
    setAmount(donation ? (refundable(donation) / 100).toFixed(2) : '');
    setReason('');
    setErrors({});
    setProblem(null);
  }, [donation]);
  // Only the open dialog is in the page: ConfirmDialog's title id is fixed, so two dialogs would share it.
  if (!donation) return null;
  const who = donation.member?.fullName ?? 'an anonymous donor';

  const confirm = async () => {
    const parsed = parseRefund(amount, left);
    const found = { amount: 'problem' in parsed ? parsed.problem : undefined, reason: reason.trim() ? undefined : 'Say why, for the record.' };
    setErrors(found);
    if (found.amount || found.reason || 'problem' in parsed) return;
    setProblem(null);
    try {
      const res = await refund({ variables: { id: donation.id, amountPence: parsed.pence, reason: reason.trim() } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Refund made', body: `${formatPence(parsed.pence)} refunded to ${who}.` });
      onRefunded();
      onClose();
    } catch (error) {
      setProblem(toApiProblem(error));
    }
  };

  return (
    <ConfirmDialog open title={`Refund ${who}’s donation?`} confirmLabel="Refund" tone="danger" busy={loading} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="mu-stack" data-testid="refund-dialog">
        <p>
          {formatPence(donation.amountPence, donation.currency)} given{donation.refundedPence ? `, ${formatPence(donation.refundedPence, donation.currency)} already refunded` : ''}.
          {donation.provider === 'MANUAL' ? ' A cash or cheque gift is only marked refunded here: pay it back by hand.' : ' The money goes back to the donor’s card.'}
          {' '}A refund does not undo the member’s completed action.
        </p>
        <TextField label="Amount to refund (£)" inputMode="decimal" value={amount} onChange={(e) => { setAmount(e.target.value); setErrors((x) => ({ ...x, amount: undefined })); }} error={errors.amount} data-testid="refund-amount" required />
        <TextAreaField label="Reason" value={reason} maxLength={500} onChange={(e) => { setReason(e.target.value); setErrors((x) => ({ ...x, reason: undefined })); }} error={errors.reason} data-testid="refund-reason" required />
        {problem ? (
          <Callout tone="danger" title="The donation was not refunded">
            <span data-testid="refund-error" data-code={problem.code}>{problem.message}</span> <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

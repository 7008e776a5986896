import { useEffect, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { formatPence } from '@muster/insights-ui';
import { Callout, ConfirmDialog, TextAreaField, toApiProblem, useToast, type ApiProblem } from '@muster/ui';
import { CANCEL_DONATION_PLAN_MUTATION, type DonationPlanItem } from '../graphql/donation.graphql';

/**
 * Cancels a monthly plan after confirming, with a reason that goes to the audit log. A card plan is cancelled at the
 * provider first: if the provider refuses, nothing changes and the API's refusal is shown with its code.
 */
export function CancelPlanDialog({ plan, onClose, onCancelled }: { plan: DonationPlanItem | null; onClose: () => void; onCancelled: () => void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [cancel, { loading }] = useMutation(CANCEL_DONATION_PLAN_MUTATION);
  useEffect(() => {
    setReason('');
    setError(undefined);
    setProblem(null);
  }, [plan]);
  // Only the open dialog is in the page: ConfirmDialog's title id is fixed, so two dialogs would share it.
  if (!plan) return null;
  const who = plan.member?.fullName ?? 'an anonymous donor';
  const every = plan.interval === 'YEAR' ? 'a year' : 'a month';

  const confirm = async () => {
    if (!reason.trim()) {
      setError('Say why, for the record.');
      return;
    }
    setProblem(null);
    try {
      const res = await cancel({ variables: { id: plan.id, reason: reason.trim() } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Plan cancelled', body: `${who} will not be charged ${formatPence(plan.amountPence, plan.currency)} ${every} any more.` });
      onCancelled();
      onClose();
    } catch (e) {
      setProblem(toApiProblem(e));
    }
  };

  return (
    <ConfirmDialog open title={`Cancel ${who}’s monthly plan?`} confirmLabel="Cancel plan" cancelLabel="Keep plan" tone="danger" busy={loading} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="mu-stack" data-testid="cancel-plan-dialog">
        <p>
          {formatPence(plan.amountPence, plan.currency)} {every}.
          {plan.provider === 'MANUAL' ? ' This plan is recorded here only: stop the standing order with the donor’s bank too.' : ' The card subscription is stopped at the payment provider: no further payments will be taken.'}
          {' '}Past donations stay as they are.
        </p>
        <TextAreaField label="Reason" value={reason} maxLength={1000} onChange={(e) => { setReason(e.target.value); setError(undefined); }} error={error} data-testid="cancel-plan-reason" required />
        {problem ? (
          <Callout tone="danger" title="The plan was not cancelled">
            <span data-testid="cancel-plan-error" data-code={problem.code}>{problem.message}</span> <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
          </Callout>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

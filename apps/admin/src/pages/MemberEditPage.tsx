import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Card, ErrorState, LoadingState, PageHeader, toApiProblem, useToast } from '@muster/ui';
import { MemberForm } from '../modules/member/components/MemberForm';
import { useMember } from '../modules/member/hooks/useMembers';
import { useUpdateMember } from '../modules/member/hooks/useSaveMember';
import { formValuesFromMember, mapServerFieldErrors, toUpdateInput, type FormErrors, type MemberFormValues } from '../modules/member/lib/member-form';

export function MemberEditPage() {
  const { orgId = '', memberId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { returnTo?: string } | null;
  const toast = useToast();
  const { data, loading, error, refetch } = useMember(memberId);
  const [updateMember, { loading: saving }] = useUpdateMember();
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const initial = useMemo(() => (data ? formValuesFromMember(data.member) : null), [data]);
  const detailHref = `/orgs/${orgId}/members/${memberId}`;

  if (error && !data) return <ErrorState title="Could not load this member" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  if (loading || !initial || !data) return <LoadingState label="Loading member…" rows={10} />;

  const save = async (values: MemberFormValues) => {
    const { input, changed } = toUpdateInput(initial, values);
    if (changed.length === 0) {
      toast.notify({ tone: 'info', title: 'Nothing to save', body: 'No field was changed.' });
      navigate(detailHref, { state });
      return;
    }
    setServerErrors({});
    setServerMessages([]);
    try {
      const result = await updateMember({ variables: { id: memberId, input } });
      toast.notify({ tone: 'success', title: `Saved ${result.data?.updateMember.fullName ?? data.member.fullName}`, body: `Changed ${changed.join(', ')}.` });
      navigate(detailHref, { state });
    } catch (e) {
      const problem = toApiProblem(e);
      if (problem.code === 'VALIDATION_FAILED') {
        const mapped = mapServerFieldErrors(problem.fields, values);
        setServerErrors(mapped.errors);
        setServerMessages(mapped.unplaced.length ? mapped.unplaced : []);
      } else {
        setServerMessages([`${problem.message} (error ${problem.code}${problem.requestId ? `, request ${problem.requestId}` : ''})`]);
      }
    }
  };

  return (
    <>
      <PageHeader breadcrumb={<Link to={detailHref} state={state}>← {data.member.fullName}</Link>} title={`Edit ${data.member.fullName}`} />
      <Card>
        <MemberForm
          key={data.member.id}
          initial={initial}
          submitLabel="Save changes"
          busy={saving}
          serverErrors={serverErrors}
          serverMessages={serverMessages}
          onSubmit={(v) => void save(v)}
          onCancel={() => navigate(detailHref, { state })}
        />
      </Card>
    </>
  );
}

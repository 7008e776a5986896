import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Card, PageHeader, toApiProblem, useToast } from '@muster/ui';
import { MemberForm } from '../modules/member/components/MemberForm';
import { useCreateMember } from '../modules/member/hooks/useSaveMember';
import { EMPTY_MEMBER_FORM, mapServerFieldErrors, toCreateInput, type FormErrors, type MemberFormValues } from '../modules/member/lib/member-form';

export function MemberCreatePage() {
  const { orgId = '' } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const [createMember, { loading: saving }] = useCreateMember();
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const listHref = `/orgs/${orgId}/members`;

  const save = async (values: MemberFormValues) => {
    setServerErrors({});
    setServerMessages([]);
    try {
      const result = await createMember({ variables: { input: toCreateInput(orgId, values) } });
      const member = result.data?.createMember;
      toast.notify({ tone: 'success', title: `Added ${member?.fullName ?? 'the member'}`, body: 'They now appear in the members list.' });
      navigate(member ? `${listHref}/${member.id}` : listHref);
    } catch (e) {
      const problem = toApiProblem(e);
      if (problem.code === 'VALIDATION_FAILED') {
        const mapped = mapServerFieldErrors(problem.fields, values);
        setServerErrors(mapped.errors);
        setServerMessages(mapped.unplaced);
      } else {
        setServerMessages([`${problem.message} (error ${problem.code}${problem.requestId ? `, request ${problem.requestId}` : ''})`]);
      }
    }
  };

  return (
    <>
      <PageHeader breadcrumb={<Link to={listHref}>← Members</Link>} title="Add a member" description="Phones can be typed in any format; UK numbers need no +44." />
      <Card>
        <MemberForm
          initial={EMPTY_MEMBER_FORM}
          submitLabel="Add member"
          busy={saving}
          serverErrors={serverErrors}
          serverMessages={serverMessages}
          onSubmit={(v) => void save(v)}
          onCancel={() => navigate(listHref)}
        />
      </Card>
    </>
  );
}

import { Link, useLocation, useParams } from 'react-router-dom';
import { Badge, Card, DescriptionList, ErrorState, LoadingState, PageHeader, buttonClass, formatDate, formatDateTime, formatNumber, toApiProblem } from '@muster/ui';
import { useMember } from '../modules/member/hooks/useMembers';
import { ConsentBadge, MemberStatusBadge } from '../modules/member/components/MemberStatusBadge';
import { displayPhone } from '../modules/member/lib/phone-display';
import { useCapabilities } from '@muster/access-ui';

function Chips({ items, empty }: { items: string[]; empty: string }) {
  if (!items.length) return <span className="mu-muted">{empty}</span>;
  return (
    <>
      {items.map((t) => (
        <span className="mu-tag" key={t}>{t}</span>
      ))}
    </>
  );
}

export function MemberDetailPage() {
  const { orgId = '', memberId = '' } = useParams();
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo ?? '';
  const listHref = `/orgs/${orgId}/members${returnTo}`;
  const { data, loading, error, refetch } = useMember(memberId);
  const caps = useCapabilities(orgId);

  const breadcrumb = <Link to={listHref}>← Members</Link>;
  if (error && !data) {
    const problem = toApiProblem(error);
    return (
      <>
        <PageHeader title={problem.code === 'NOT_FOUND' ? 'Member not found' : 'Member'} breadcrumb={breadcrumb} />
        <ErrorState
          title={problem.code === 'NOT_FOUND' ? 'This member does not exist, or belongs to another organisation' : 'Could not load this member'}
          problem={problem}
          onRetry={problem.code === 'NOT_FOUND' ? undefined : () => void refetch()}
        />
      </>
    );
  }
  if (loading && !data) return <LoadingState label="Loading member…" rows={8} />;
  const m = data!.member;

  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={<span data-testid="member-name">{m.fullName}</span>}
        description={
          <span className="mu-row">
            <MemberStatusBadge status={m.status} />
            {m.membershipNumber ? <span>Membership no. {m.membershipNumber}</span> : null}
            {m.joinedOn ? <span>Joined {formatDate(m.joinedOn)}</span> : null}
          </span>
        }
        actions={
          caps.can('member:write') ? (
            <Link className={buttonClass('primary')} to={`/orgs/${orgId}/members/${m.id}/edit`} state={{ returnTo }} data-testid="edit-member">
              Edit member
            </Link>
          ) : undefined
        }
      />
      <div className="mu-grid">
        <Card title="Contact" className="mu-span-6">
          <DescriptionList
            items={[
              {
                term: 'Phones', testId: 'member-phones',
                description: m.phones.length ? (
                  <ul className="admin-plain-list">
                    {m.phones.map((p) => (
                      <li key={p.id}>
                        <a href={`tel:${p.e164}`} data-testid="member-phone" data-e164={p.e164}>{displayPhone(p.e164)}</a>{' '}
                        <Badge tone={p.type === 'MOBILE' ? 'info' : 'neutral'}>{p.type === 'MOBILE' ? 'Mobile' : p.type === 'LANDLINE' ? 'Landline' : 'Unknown'}</Badge>
                        {p.primary && m.phones.length > 1 ? <span className="mu-muted"> · primary</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : <span className="mu-muted">None</span>,
              },
              {
                term: 'Emails', testId: 'member-emails',
                description: m.emails.length ? (
                  <ul className="admin-plain-list">
                    {m.emails.map((e) => (
                      <li key={e.id}>
                        <a href={`mailto:${e.address}`}>{e.address}</a>
                        {e.primary && m.emails.length > 1 ? <span className="mu-muted"> · primary</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : <span className="mu-muted">None</span>,
              },
              { term: 'Postcode', description: m.postcode ?? '–' },
              { term: 'SMS consent', description: <ConsentBadge consent={m.smsConsent} /> },
              { term: 'Email consent', description: <ConsentBadge consent={m.emailConsent} /> },
            ]}
          />
        </Card>
        <Card title="Membership" className="mu-span-6">
          <DescriptionList
            items={[
              { term: 'Status', description: <MemberStatusBadge status={m.status} /> },
              { term: 'Membership number', description: m.membershipNumber ?? '–' },
              { term: 'Joined', description: formatDate(m.joinedOn) },
              { term: 'Left', description: formatDate(m.leftOn) },
              { term: 'Region', description: m.region ?? '–', testId: 'member-region' },
              { term: 'Branch', description: m.branch ?? '–' },
              { term: 'Workplace', description: m.workplace ?? '–' },
              { term: 'Employer', description: m.employer ?? '–' },
            ]}
          />
        </Card>
        <Card title="Organising" className="mu-span-12">
          <DescriptionList
            items={[
              { term: 'Issues that matter to them', description: <Chips items={m.issues} empty="None recorded" /> },
              { term: 'Tags', description: <Chips items={m.tags} empty="No tags" /> },
              { term: 'Support level', description: m.supportLevel == null ? 'Not recorded' : `${m.supportLevel} of 5` },
              { term: 'Engagement score', description: formatNumber(m.engagementScore) },
              { term: 'Added', description: formatDateTime(m.createdAt) },
              { term: 'Last changed', description: formatDateTime(m.updatedAt) },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

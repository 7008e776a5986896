import { Link } from 'react-router-dom';
import { Table, formatDate, type Column } from '@muster/ui';
import type { MemberListItem, MemberOrderField, SortDirection } from '../graphql/member.graphql';
import { MemberStatusBadge } from './MemberStatusBadge';
import { displayPhone } from '../lib/phone-display';

export function MemberTable({ organisationId, members, sort, onSort, busy, returnTo }: {
  organisationId: string;
  members: MemberListItem[];
  sort: { field: MemberOrderField; direction: SortDirection };
  onSort: (sort: { field: MemberOrderField; direction: SortDirection }) => void;
  busy?: boolean;
  /** The list's query string, so the detail page can link back to this exact view. */
  returnTo: string;
}) {
  const columns: Column<MemberListItem>[] = [
    {
      key: 'name', header: 'Name', sortField: 'LAST_NAME', primary: true,
      render: (m) => (
        <Link to={`/orgs/${organisationId}/members/${m.id}`} state={{ returnTo }} data-testid="member-link">
          {m.fullName}
        </Link>
      ),
    },
    { key: 'status', header: 'Status', render: (m) => <span data-value={m.status}><MemberStatusBadge status={m.status} /></span> },
    { key: 'region', header: 'Region', render: (m) => <span data-value={m.region ?? ''}>{m.region ?? '–'}</span> },
    { key: 'branch', header: 'Branch', render: (m) => m.branch ?? '–', hideOnSmall: true },
    { key: 'workplace', header: 'Workplace', render: (m) => m.workplace ?? '–', hideOnSmall: true },
    { key: 'contact', header: 'Contact', render: (m) => <span className="admin-contact">{m.email ?? (m.phone ? displayPhone(m.phone) : '–')}</span>, hideOnSmall: true },
    { key: 'membershipNumber', header: 'Membership no.', sortField: 'MEMBERSHIP_NUMBER', render: (m) => m.membershipNumber ?? '–', hideOnSmall: true },
    { key: 'joinedOn', header: 'Joined', sortField: 'JOINED_ON', render: (m) => formatDate(m.joinedOn) },
  ];
  return (
    <Table
      caption="Members"
      captionHidden
      columns={columns}
      rows={members}
      rowKey={(m) => m.id}
      sort={sort}
      onSort={(s) => onSort({ field: s.field as MemberOrderField, direction: s.direction })}
      busy={busy}
      testId="members-table"
      rowTestId="member-row"
    />
  );
}

// The import history's view state in the URL (status filter, page size, cursor), like the members list.
import type { ImportStatus } from '../graphql/import.graphql';

export const IMPORT_STATUS_FILTERS = {
  active: { label: 'In progress', statuses: ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING'] },
  review: { label: 'Waiting for review', statuses: ['ANALYSED', 'DRY_RUN_DONE'] },
  completed: { label: 'Completed', statuses: ['COMPLETED'] },
  cancelled: { label: 'Cancelled', statuses: ['CANCELLED'] },
  failed: { label: 'Failed', statuses: ['FAILED'] },
} as const satisfies Record<string, { label: string; statuses: readonly ImportStatus[] }>;

export type ImportStatusFilter = keyof typeof IMPORT_STATUS_FILTERS;
export const IMPORT_PAGE_SIZE = 20;

export interface ImportListParams {
  status: ImportStatusFilter | '';
  after: string;
  page: number;
}

export function parseImportListParams(search: URLSearchParams): ImportListParams {
  const status = search.get('status') ?? '';
  const page = Number(search.get('page'));
  const after = search.get('after') ?? '';
  return {
    status: status in IMPORT_STATUS_FILTERS ? (status as ImportStatusFilter) : '',
    after,
    page: after && Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function toImportSearchParams(p: ImportListParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.status) out.set('status', p.status);
  if (p.after) {
    out.set('after', p.after);
    if (p.page > 1) out.set('page', String(p.page));
  }
  return out;
}

export function toImportsVariables(organisationId: string, p: ImportListParams) {
  return {
    organisationId,
    first: IMPORT_PAGE_SIZE,
    ...(p.after ? { after: p.after } : {}),
    ...(p.status ? { status: [...IMPORT_STATUS_FILTERS[p.status].statuses] } : {}),
  };
}

import { Badge, type Tone } from '@muster/ui';
import type { ConsentStatus, MemberStatus } from '@muster/domain';

const STATUS: Record<MemberStatus, { label: string; tone: Tone }> = {
  ACTIVE: { label: 'Active', tone: 'success' },
  LAPSED: { label: 'Lapsed', tone: 'warning' },
  LEFT: { label: 'Left', tone: 'neutral' },
};

export const STATUS_OPTIONS = (Object.keys(STATUS) as MemberStatus[]).map((value) => ({ value, label: STATUS[value].label }));

export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const s = STATUS[status] ?? { label: status, tone: 'neutral' as Tone };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const CONSENT: Record<ConsentStatus, { label: string; tone: Tone }> = {
  GRANTED: { label: 'Granted', tone: 'success' },
  WITHDRAWN: { label: 'Withdrawn', tone: 'danger' },
  UNKNOWN: { label: 'Not asked', tone: 'neutral' },
};

export const CONSENT_OPTIONS = (Object.keys(CONSENT) as ConsentStatus[]).map((value) => ({ value, label: CONSENT[value].label }));

export function ConsentBadge({ consent }: { consent: ConsentStatus }) {
  const c = CONSENT[consent] ?? { label: consent, tone: 'neutral' as Tone };
  return <Badge tone={c.tone}>{c.label}</Badge>;
}

import { useQuery } from '@apollo/client/react';
import { CAPABILITIES_QUERY } from '../graphql/auth.graphql.js';
import { useAuth } from './AuthProvider.js';
import { isAgencyRole } from '../lib/roles.js';
import { useAccessConfig } from '../../config.js';

export type Capability =
  | 'organisation:read'
  | 'member:read'
  | 'member:write'
  | 'member:import'
  | 'member:export'
  | 'member:merge'
  | 'insights:read'
  | 'insights:configure'
  | 'segment:read'
  | 'segment:write'
  | 'campaign:read'
  | 'campaign:write'
  | 'response:read'
  | 'response:write'
  | 'donation:read'
  | 'donation:write'
  | 'user:manage'
  | 'apikey:manage'
  | 'audit:read'
  | 'session:self';

export interface Capabilities {
  /** False until known; while auth is unavailable (an API without sign-in) everything that existed before is allowed. */
  ready: boolean;
  /** The organisation the user's role is on (the agency for staff, their client for client users). */
  homeOrganisationId: string | null;
  /** Capabilities on the organisation in view (or the home organisation when none is). */
  can: (capability: Capability) => boolean;
  /** Capabilities on the home organisation (e.g. audit:read for the agency). */
  canAtHome: (capability: Capability) => boolean;
  role: string | null;
}

/** What the signed-in user may do where they are, from `viewer.capabilities` — used to hide what they cannot do. */
export function useCapabilities(organisationId?: string): Capabilities {
  const auth = useAuth();
  const { app: APP } = useAccessConfig();
  const roles = auth.viewer?.roles ?? [];
  const home = roles.find((r) => (APP.audience === 'agency' ? isAgencyRole(r.role) : !isAgencyRole(r.role))) ?? roles[0];
  const homeId = home?.organisation.id ?? null;
  const here = organisationId ?? homeId;
  const { data } = useQuery(CAPABILITIES_QUERY, {
    variables: { organisationId: here ?? '', homeId: homeId ?? '' },
    skip: auth.status !== 'signed-in' || !here || !homeId,
  });
  if (auth.status === 'unavailable') {
    const legacy = new Set<Capability>(['organisation:read', 'member:read', 'member:write', 'insights:read']);
    return { ready: true, homeOrganisationId: null, can: (c) => legacy.has(c), canAtHome: () => false, role: null };
  }
  const hereCaps = new Set(data?.viewer.here ?? []);
  const homeCaps = new Set(data?.viewer.home ?? []);
  return {
    ready: Boolean(data),
    homeOrganisationId: homeId,
    can: (c) => hereCaps.has(c),
    canAtHome: (c) => homeCaps.has(c),
    role: home?.role ?? null,
  };
}

/**
 * Who is calling: a signed-in user (bearer session token or session cookie) or an API key. Filled
 * once per request by the auth hook (auth/auth.hook.ts) from the Authorization header or the
 * session cookie; read by the access checks and by the request transaction (row-level security).
 * Must never: be built from anything the client can assert without a secret.
 */
import type { Role } from '@muster/domain';

export interface PrincipalGrant {
  organisationId: string;
  role: Role;
}

export interface Principal {
  kind: 'USER' | 'API_KEY';
  /** The user (for USER principals). */
  userId: string | null;
  /** The session the token or cookie belongs to (USER principals). */
  sessionId: string | null;
  /** The key (API_KEY principals). */
  apiKeyId: string | null;
  /** Email of the user or the key's name: what the audit log shows. */
  label: string;
  /** How the credential arrived: cookie requests must pass the CSRF check. */
  via: 'BEARER' | 'COOKIE';
  /** Roles as granted (organisation + role); an API key has exactly one. */
  grants: PrincipalGrant[];
  /** Every organisation reached and the roles that apply there (grant organisation + descendants). */
  rolesByOrganisation: ReadonlyMap<string, Role[]>;
}

/** The organisations the request may touch: what row-level security is keyed on. */
export interface Reach {
  organisationIds: readonly string[];
}

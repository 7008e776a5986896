import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { toApiProblem, type ApiProblem } from '@muster/ui';
import { VIEWER_QUERY, type ViewerData } from '../graphql/auth.graphql.js';
import { isAgencyRole } from '../lib/roles.js';

/**
 * Who is signed in, from `viewer`. Four outcomes:
 * - `signed-in`: the user and their roles;
 * - `signed-out`: the API said UNAUTHENTICATED;
 * - `unavailable`: the API has no `viewer` at all (it predates sign-in): the app runs as before, in the open,
 *   with the development banner — so the app works against both the old and the new API;
 * - `error`: anything else, shown with its code.
 */
export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'unavailable' | 'error';

export interface AuthState {
  status: AuthStatus;
  viewer: ViewerData['viewer'] | null;
  problem: ApiProblem | null;
  /** The organisation of the user's first agency role (admin) or client role (portal): where capabilities start. */
  refetch: () => void;
}

const AuthContext = createContext<AuthState>({ status: 'loading', viewer: null, problem: null, refetch: () => undefined });

export function isSchemaWithoutViewer(problem: ApiProblem): boolean {
  return /Cannot query field "viewer"/.test(problem.message);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { data, error, loading, refetch } = useQuery(VIEWER_QUERY, { fetchPolicy: 'network-only', nextFetchPolicy: 'cache-first' });
  const value = useMemo<AuthState>(() => {
    const retry = () => void refetch();
    if (data?.viewer?.user) return { status: 'signed-in', viewer: data.viewer, problem: null, refetch: retry };
    if (loading && !error) return { status: 'loading', viewer: null, problem: null, refetch: retry };
    if (error) {
      const problem = toApiProblem(error);
      if (problem.code === 'UNAUTHENTICATED') return { status: 'signed-out', viewer: null, problem, refetch: retry };
      if (isSchemaWithoutViewer(problem)) return { status: 'unavailable', viewer: null, problem, refetch: retry };
      return { status: 'error', viewer: null, problem, refetch: retry };
    }
    // A viewer without a user is an API key: not something a browser session produces.
    return { status: 'signed-out', viewer: null, problem: null, refetch: retry };
  }, [data, error, loading, refetch]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** Agency staff use the admin app, client users the portal. */
export function audienceOf(viewer: ViewerData['viewer'] | null): { agency: boolean; client: boolean } {
  const roles = viewer?.roles ?? [];
  return { agency: roles.some((r) => isAgencyRole(r.role)), client: roles.some((r) => !isAgencyRole(r.role)) };
}

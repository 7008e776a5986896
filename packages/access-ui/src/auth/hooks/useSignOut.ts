import { useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { toApiProblem, type ApiProblem } from '@muster/ui';
import { LOGOUT_EVERYWHERE_MUTATION, LOGOUT_MUTATION } from '../graphql/auth.graphql.js';

/** Sign out here, or everywhere; then a full page load to sign-in so nothing of the session stays in memory. */
export function useSignOut() {
  const client = useApolloClient();
  const [logout] = useMutation(LOGOUT_MUTATION);
  const [logoutEverywhere] = useMutation(LOGOUT_EVERYWHERE_MUTATION);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (everywhere: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (everywhere) await logoutEverywhere();
      else await logout();
      await client.clearStore();
      window.location.assign('/sign-in');
    } catch (error) {
      const p = toApiProblem(error);
      // Already signed out (another tab, an expired session): that is what was asked for.
      if (p.code === 'UNAUTHENTICATED') window.location.assign('/sign-in');
      else setProblem(p);
      setBusy(false);
    }
  };
  return { signOut: () => run(false), signOutEverywhere: () => run(true), busy, problem };
}

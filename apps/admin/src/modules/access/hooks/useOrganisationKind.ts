import { useAuth } from '@muster/access-ui';
import { useOrganisations } from '../../organisation/hooks/useOrganisations';
import type { OrganisationKind } from '@muster/access-ui';

/** The kind of an organisation in reach (agency, client, unit): decides which roles can be granted on it. */
export function useOrganisationKind(organisationId: string): OrganisationKind | undefined {
  const auth = useAuth();
  const { organisations } = useOrganisations();
  return (
    organisations.find((o) => o.id === organisationId)?.kind ??
    auth.viewer?.roles.find((r) => r.organisation.id === organisationId)?.organisation.kind
  );
}

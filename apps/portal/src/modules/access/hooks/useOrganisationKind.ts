import { useAuth } from '@muster/access-ui';
import { useClientOrganisations } from '../../organisation/hooks/useClientOrganisations';
import type { OrganisationKind } from '@muster/access-ui';

/** The kind of an organisation in reach: in the portal only client roles are ever granted, whatever it is. */
export function useOrganisationKind(organisationId: string): OrganisationKind | undefined {
  const auth = useAuth();
  const { clients } = useClientOrganisations();
  return clients.find((o) => o.id === organisationId)?.kind ?? auth.viewer?.roles.find((r) => r.organisation.id === organisationId)?.organisation.kind;
}

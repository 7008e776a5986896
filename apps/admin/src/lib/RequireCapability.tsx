import type { ReactNode } from 'react';
import { EmptyState, LoadingState } from '@muster/ui';
import { useCapabilities, type Capability } from '@muster/access-ui';

/** Shows a page only to roles with the capability; the API refuses the rest anyway, this keeps the screen honest. */
export function RequireCapability({ organisationId, capability, what, children }: { organisationId: string; capability: Capability; what: string; children: ReactNode }) {
  const caps = useCapabilities(organisationId);
  if (!caps.ready) return <LoadingState label="Checking what you can do here…" />;
  if (!caps.can(capability)) {
    return (
      <EmptyState title={`You can’t ${what} here`} testId="no-capability">
        Your role in this organisation does not include this. Ask an agency admin if you need it.
      </EmptyState>
    );
  }
  return <>{children}</>;
}

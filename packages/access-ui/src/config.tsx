// What differs between the admin app and the portal in the shared sign-in and access screens: each app passes its own
// (from its src/app-config.ts) through <AccessConfigProvider>.
import { createContext, useContext, type ReactNode } from 'react';
import type { OrganisationKind } from './auth/lib/roles.js';

export interface AccessAppConfig {
  id: 'admin' | 'portal';
  name: string;
  area: string;
  /** Who this app is for. */
  audience: 'agency' | 'client';
  otherAppName: string;
}

export interface AccessConfig {
  app: AccessAppConfig;
  /** Where the other app lives. */
  otherAppUrl: () => string;
  /** The kind of an organisation in reach: decides which roles can be granted on it (each app knows its own organisations). */
  useOrganisationKind: (organisationId: string) => OrganisationKind | undefined;
}

const AccessConfigContext = createContext<AccessConfig | null>(null);

export function AccessConfigProvider({ config, children }: { config: AccessConfig; children: ReactNode }) {
  return <AccessConfigContext.Provider value={config}>{children}</AccessConfigContext.Provider>;
}

export function useAccessConfig(): AccessConfig {
  const config = useContext(AccessConfigContext);
  if (!config) throw new Error('useAccessConfig: wrap the app in <AccessConfigProvider>');
  return config;
}

// What differs between the portal and the admin app in the shared sign-in and access screens.
export const APP = {
  id: 'portal' as const,
  name: 'Muster Portal',
  area: 'Portal',
  /** Who this app is for: people of client organisations. */
  audience: 'client' as 'agency' | 'client',
  otherAppName: 'Muster Admin (the agency’s app)',
};

/** Where the other app lives: VITE_ADMIN_URL when built for a real deployment, else the local development port. */
export function otherAppUrl(): string {
  const configured = import.meta.env?.VITE_ADMIN_URL as string | undefined;
  if (configured) return configured;
  return `${window.location.protocol}//${window.location.hostname}:5173/`;
}

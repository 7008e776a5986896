// What differs between the admin app and the portal in the shared sign-in and access screens.
export const APP = {
  id: 'admin' as const,
  name: 'Muster Admin',
  area: 'Admin',
  /** Who this app is for: agency staff. */
  audience: 'agency' as 'agency' | 'client',
  otherAppName: 'the client portal',
};

/** Where the other app lives: VITE_PORTAL_URL when built for a real deployment, else the local development port. */
export function otherAppUrl(): string {
  const configured = import.meta.env?.VITE_PORTAL_URL as string | undefined;
  if (configured) return configured;
  return `${window.location.protocol}//${window.location.hostname}:5174/`;
}

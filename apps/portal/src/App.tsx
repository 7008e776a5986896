import { Route, Routes } from 'react-router-dom';
import { PortalLayout } from './pages/PortalLayout';
import { HomePage } from './pages/HomePage';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AccessConfigProvider, type AccessConfig, AcceptInvitationPage, ApiKeysPage, AuthProvider, SessionsPage, SignInPage, UsersPage } from '@muster/access-ui';
import { APP, otherAppUrl } from './app-config';
import { useOrganisationKind } from './modules/access/hooks/useOrganisationKind';

/** What the shared sign-in and access screens need to know about this app. */
const ACCESS_CONFIG: AccessConfig = { app: APP, otherAppUrl, useOrganisationKind };

export function App() {
  return (
    <AccessConfigProvider config={ACCESS_CONFIG}>
      <AuthProvider>
        <Routes>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="invitations/accept" element={<AcceptInvitationPage />} />
          <Route element={<PortalLayout />}>
            <Route index element={<HomePage />} />
            <Route path="orgs/:orgId" element={<DashboardPage />} />
            <Route path="orgs/:orgId/users" element={<UsersPage />} />
            <Route path="orgs/:orgId/api-keys" element={<ApiKeysPage />} />
            <Route path="account/sessions" element={<SessionsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </AccessConfigProvider>
  );
}

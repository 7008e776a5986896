import { Route, Routes } from 'react-router-dom';
import { PortalLayout } from './pages/PortalLayout';
import { HomePage } from './pages/HomePage';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SessionsPage } from './pages/SessionsPage';
import { UsersPage } from './pages/UsersPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { SignInPage } from './modules/auth/components/SignInPage';
import { AcceptInvitationPage } from './modules/auth/components/AcceptInvitationPage';
import { AuthProvider } from './modules/auth/hooks/AuthProvider';

export function App() {
  return (
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
  );
}

import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminLayout } from './pages/AdminLayout';
import { HomePage } from './pages/HomePage';
import { MembersListPage } from './pages/MembersListPage';
import { MemberDetailPage } from './pages/MemberDetailPage';
import { MemberCreatePage } from './pages/MemberCreatePage';
import { MemberEditPage } from './pages/MemberEditPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SessionsPage } from './pages/SessionsPage';
import { UsersPage } from './pages/UsersPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { AuditPage } from './pages/AuditPage';
import { SignInPage } from './modules/auth/components/SignInPage';
import { AcceptInvitationPage } from './modules/auth/components/AcceptInvitationPage';
import { AuthProvider } from './modules/auth/hooks/AuthProvider';

export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="invitations/accept" element={<AcceptInvitationPage />} />
        <Route element={<AdminLayout />}>
          <Route index element={<HomePage />} />
          <Route path="orgs/:orgId" element={<Navigate to="members" replace />} />
          <Route path="orgs/:orgId/members" element={<MembersListPage />} />
          <Route path="orgs/:orgId/members/new" element={<MemberCreatePage />} />
          <Route path="orgs/:orgId/members/:memberId" element={<MemberDetailPage />} />
          <Route path="orgs/:orgId/members/:memberId/edit" element={<MemberEditPage />} />
          <Route path="orgs/:orgId/users" element={<UsersPage />} />
          <Route path="orgs/:orgId/api-keys" element={<ApiKeysPage />} />
          <Route path="account/sessions" element={<SessionsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

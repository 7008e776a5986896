import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminLayout } from './pages/AdminLayout';
import { HomePage } from './pages/HomePage';
import { MembersListPage } from './pages/MembersListPage';
import { MemberDetailPage } from './pages/MemberDetailPage';
import { MemberCreatePage } from './pages/MemberCreatePage';
import { MemberEditPage } from './pages/MemberEditPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<HomePage />} />
        <Route path="orgs/:orgId" element={<Navigate to="members" replace />} />
        <Route path="orgs/:orgId/members" element={<MembersListPage />} />
        <Route path="orgs/:orgId/members/new" element={<MemberCreatePage />} />
        <Route path="orgs/:orgId/members/:memberId" element={<MemberDetailPage />} />
        <Route path="orgs/:orgId/members/:memberId/edit" element={<MemberEditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

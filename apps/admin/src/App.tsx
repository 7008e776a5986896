import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminLayout } from './pages/AdminLayout';
import { HomePage } from './pages/HomePage';
import { MembersListPage } from './pages/MembersListPage';
import { MemberDetailPage } from './pages/MemberDetailPage';
import { MemberCreatePage } from './pages/MemberCreatePage';
import { MemberEditPage } from './pages/MemberEditPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AuditPage } from './pages/AuditPage';
import { ImportsPage } from './pages/ImportsPage';
import { ImportDetailPage } from './pages/ImportDetailPage';
import { DuplicatesPage } from './pages/DuplicatesPage';
import { SegmentsPage } from './pages/SegmentsPage';
import { SegmentEditPage } from './pages/SegmentEditPage';
import { SegmentDetailPage } from './pages/SegmentDetailPage';
import { InsightsIndexPage, InsightsPage } from './pages/InsightsPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { CampaignEditPage } from './pages/CampaignEditPage';
import { CampaignDetailPage } from './pages/CampaignDetailPage';
import { CampaignResponsesPage } from './pages/CampaignResponsesPage';
import { ActionEditPage } from './pages/ActionEditPage';
import { ActionDetailPage } from './pages/ActionDetailPage';
import { DonationsPage } from './pages/DonationsPage';
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
          <Route element={<AdminLayout />}>
            <Route index element={<HomePage />} />
            <Route path="orgs/:orgId" element={<Navigate to="members" replace />} />
            <Route path="orgs/:orgId/members" element={<MembersListPage />} />
            <Route path="orgs/:orgId/members/new" element={<MemberCreatePage />} />
            <Route path="orgs/:orgId/members/:memberId" element={<MemberDetailPage />} />
            <Route path="orgs/:orgId/members/:memberId/edit" element={<MemberEditPage />} />
            <Route path="orgs/:orgId/imports" element={<ImportsPage />} />
            <Route path="orgs/:orgId/imports/:importId" element={<ImportDetailPage />} />
            <Route path="orgs/:orgId/duplicates" element={<DuplicatesPage view="queue" />} />
            <Route path="orgs/:orgId/duplicates/merges" element={<DuplicatesPage view="history" />} />
            <Route path="orgs/:orgId/segments" element={<SegmentsPage />} />
            <Route path="orgs/:orgId/segments/new" element={<SegmentEditPage />} />
            <Route path="orgs/:orgId/segments/:segmentId" element={<SegmentDetailPage />} />
            <Route path="orgs/:orgId/segments/:segmentId/edit" element={<SegmentEditPage />} />
            <Route path="orgs/:orgId/campaigns" element={<CampaignsPage />} />
            <Route path="orgs/:orgId/campaigns/new" element={<CampaignEditPage />} />
            <Route path="orgs/:orgId/campaigns/:campaignId" element={<CampaignDetailPage />} />
            <Route path="orgs/:orgId/campaigns/:campaignId/edit" element={<CampaignEditPage />} />
            <Route path="orgs/:orgId/campaigns/:campaignId/responses" element={<CampaignResponsesPage />} />
            <Route path="orgs/:orgId/campaigns/:campaignId/actions/new" element={<ActionEditPage />} />
            <Route path="orgs/:orgId/actions/:actionId" element={<ActionDetailPage />} />
            <Route path="orgs/:orgId/actions/:actionId/edit" element={<ActionEditPage />} />
            <Route path="orgs/:orgId/donations" element={<DonationsPage />} />
            <Route path="orgs/:orgId/users" element={<UsersPage />} />
            <Route path="orgs/:orgId/api-keys" element={<ApiKeysPage />} />
            <Route path="account/sessions" element={<SessionsPage />} />
            <Route path="insights" element={<InsightsIndexPage />} />
            <Route path="insights/:orgId" element={<InsightsPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </AccessConfigProvider>
  );
}

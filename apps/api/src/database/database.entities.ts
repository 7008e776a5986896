import { MemberEmailEntity } from '../member/member-email.entity.js';
import { MemberPhoneEntity } from '../member/member-phone.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { ApiKeyEntity } from '../api-key/api-key.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { InvitationEntity, MembershipEntity, UserEntity, VolunteerAssignmentEntity } from '../user/user.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { IMPORT_ENTITIES } from '../import/import.entity.js';
import { SEGMENT_ENTITIES } from '../segment/segment.entity.js';
import { CAMPAIGN_ENTITIES } from '../campaign/campaign.entity.js';
import { ACTION_ENTITIES } from '../action/action.entity.js';
import { DONATION_ENTITIES } from '../donation/donation.entity.js';
import { ACTION_PAGE_ENTITIES } from '../action-page/action-page.entity.js';
import { TRACKED_LINK_ENTITIES } from '../tracked-link/tracked-link.entity.js';
import { DuplicateDismissalEntity, DuplicateSuggestionEntity, MemberMergeEntity } from '../dedupe/dedupe.entity.js';

/** Every entity, listed by hand (no globs: the same list works under tsc, node and jest). */
export const ENTITIES = [OrganisationEntity, MemberEntity, MemberPhoneEntity, MemberEmailEntity,
  UserEntity, MembershipEntity, SessionEntity, InvitationEntity, ApiKeyEntity, AuditEventEntity, VolunteerAssignmentEntity,
  ...IMPORT_ENTITIES, DuplicateSuggestionEntity, DuplicateDismissalEntity, MemberMergeEntity,
  ...SEGMENT_ENTITIES, ...CAMPAIGN_ENTITIES, ...ACTION_ENTITIES,
  ...DONATION_ENTITIES, ...TRACKED_LINK_ENTITIES, ...ACTION_PAGE_ENTITIES];

import { MemberEmailEntity } from '../member/member-email.entity.js';
import { MemberPhoneEntity } from '../member/member-phone.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

/** Every entity, listed by hand (no globs: the same list works under tsc, node and jest). */
export const ENTITIES = [OrganisationEntity, MemberEntity, MemberPhoneEntity, MemberEmailEntity];

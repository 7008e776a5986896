import { MembersFoundation1764100000000 } from './1764100000000-members-foundation.js';
import { MemberSortsCCollation1764200000000 } from './1764200000000-member-sorts-c-collation.js';
import { AuthAndAccess1764300000000 } from './1764300000000-auth-and-access.js';
import { RowLevelSecurity1765000000000 } from './1765000000000-row-level-security.js';
import { MemberSortKeys1765100000000 } from './1765100000000-member-sort-keys.js';
import { AuthChangeNotify1765200000000 } from './1765200000000-auth-change-notify.js';
import { MemberKeysUnicodeLower1765300000000 } from './1765300000000-member-keys-unicode-lower.js';
import { MemberImports1766000000000 } from './1766000000000-member-imports.js';
import { MemberDuplicates1766200000000 } from './1766200000000-member-duplicates.js';
import { MemberReachAndImportLinks1766400000000 } from './1766400000000-member-reach-and-import-links.js';
import { Segments1767000000000 } from './1767000000000-segments.js';
import { InsightRollups1767100000000 } from './1767100000000-insight-rollups.js';
import { RlsReachOnce1767200000000 } from './1767200000000-rls-reach-once.js';
import { CampaignsActions1768000000000 } from './1768000000000-campaigns-actions.js';
import { Donations1768200000000 } from './1768200000000-donations.js';
import { ActionPages1768300000000 } from './1768300000000-action-pages.js';
import { GiftAidPending1768400000000 } from './1768400000000-gift-aid-pending.js';

/** Every migration in order, listed by hand (no globs: works under tsc, node and jest). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  MembersFoundation1764100000000, MemberSortsCCollation1764200000000, AuthAndAccess1764300000000, RowLevelSecurity1765000000000,
  MemberSortKeys1765100000000, AuthChangeNotify1765200000000, MemberKeysUnicodeLower1765300000000, MemberImports1766000000000,
  MemberDuplicates1766200000000, MemberReachAndImportLinks1766400000000,
  Segments1767000000000, InsightRollups1767100000000, RlsReachOnce1767200000000,
  CampaignsActions1768000000000, Donations1768200000000,
  ActionPages1768300000000, GiftAidPending1768400000000,
];

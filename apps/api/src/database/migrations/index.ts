import { MembersFoundation1764100000000 } from './1764100000000-members-foundation.js';
import { MemberSortsCCollation1764200000000 } from './1764200000000-member-sorts-c-collation.js';
import { AuthAndAccess1764300000000 } from './1764300000000-auth-and-access.js';
import { RowLevelSecurity1765000000000 } from './1765000000000-row-level-security.js';
import { MemberSortKeys1765100000000 } from './1765100000000-member-sort-keys.js';
import { AuthChangeNotify1765200000000 } from './1765200000000-auth-change-notify.js';
import { MemberImports1766000000000 } from './1766000000000-member-imports.js';

/** Every migration in order, listed by hand (no globs: works under tsc, node and jest). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [MembersFoundation1764100000000, MemberSortsCCollation1764200000000, AuthAndAccess1764300000000, RowLevelSecurity1765000000000, MemberSortKeys1765100000000, AuthChangeNotify1765200000000, MemberImports1766000000000];

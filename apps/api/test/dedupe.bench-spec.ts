/**
 * Benchmark, not a test: times refreshDuplicateSuggestions, mergeMembers and unmergeMembers (the real repositories
 * and services, as muster_app under row-level security) on a large database. Not part of the test run (jest.config.cjs
 * matches *.spec.ts / *.e2e-spec.ts only); run it with `--testRegex 'bench-spec[.]ts$'` and DEDUPE_BENCH_URL naming
 * a database you may write to (a copy of the 1M-member bench database; never the shared original):
 *
 *   psql postgres://postgres@127.0.0.1:5432/postgres -c 'CREATE DATABASE muster_bench_dedupe TEMPLATE muster_bench_members'
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/muster_bench_dedupe node dist/cli.js migrate
 *   DEDUPE_BENCH_URL=postgres://postgres@127.0.0.1:5432/muster_bench_dedupe DEDUPE_BENCH_ORG=<organisation id> \
 *     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres NODE_OPTIONS=--experimental-vm-modules npx jest --testRegex 'bench-spec[.]ts$' test/dedupe.bench-spec.ts
 *
 * Prints the figures (docs/dedupe-and-export.md records them). The merge is undone again, so the data is unchanged.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AccessService } from '../src/access/access.service';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { AuthRepository } from '../src/auth/auth.repository';
import { DatabaseContextService } from '../src/common/database-context.service';
import type { Principal } from '../src/common/principal';
import { withRequestContext } from '../src/common/request-context';
import { createDataSource } from '../src/database/data-source';
import { DedupeMergeRepository } from '../src/dedupe/dedupe-merge.repository';
import { DedupeMergeService } from '../src/dedupe/dedupe-merge.service';
import { DedupeRepository } from '../src/dedupe/dedupe.repository';
import { DedupeService } from '../src/dedupe/dedupe.service';
import { MemberRepository } from '../src/member/member.repository';

const url = process.env.DEDUPE_BENCH_URL;
const org = process.env.DEDUPE_BENCH_ORG ?? '';
if (!url) throw new Error('Set DEDUPE_BENCH_URL (see the header).');
const maybe = describe;

maybe('dedupe benchmark (DEDUPE_BENCH_URL)', () => {
  let ds: DataSource;
  const db = new DatabaseContextService();
  const suggestions = new DedupeRepository(db);
  const access = new AccessService();
  let service: DedupeMergeService;
  const principal: Principal = {
    kind: 'USER', userId: null, sessionId: null, apiKeyId: null, label: 'dedupe benchmark', via: 'BEARER', grants: [],
    rolesByOrganisation: new Map([[org, ['ORGANISER']]]),
  } as unknown as Principal;
  const options = () => ({ reach: { organisationIds: [org] }, principal });
  const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

  beforeAll(async () => {
    ds = createDataSource({ url: url!, poolSize: 2 });
    await ds.initialize();
    const audit = new AuditService(new AuditRepository(db), new AuthRepository(ds));
    const members = new MemberRepository(db);
    service = new DedupeMergeService(new DedupeMergeRepository(db), suggestions, new DedupeService(suggestions, members, access, audit), members, access, audit);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('refreshes the queue three times, then merges and unmerges one suggested group', async () => {
    const [{ n }] = await withRequestContext(ds, 'bench-count', (ctx) => ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [org]), options());
    const lines = [`members in the organisation: ${n}`];
    for (let i = 1; i <= 3; i++) {
      const start = process.hrtime.bigint();
      const open = await withRequestContext(ds, 'bench-refresh', () => suggestions.refresh(org), options());
      lines.push(`refresh ${i}: ${open} open suggestions in ${seconds(start).toFixed(2)} s`);
    }
    const byRule = await withRequestContext(ds, 'bench-rules', (ctx) => ctx.query<{ rule: string; n: number }>(
      `SELECT rule, count(*)::int AS n FROM member_duplicate_suggestion WHERE organisation_id = $1 GROUP BY rule ORDER BY rule`, [org]), options());
    lines.push(`by rule: ${byRule.map((r) => `${r.rule} ${r.n}`).join(', ')}`);
    const [group] = await withRequestContext(ds, 'bench-pick', (ctx) => ctx.query<{ id: string; member_ids: string[] }>(
      `SELECT id, member_ids FROM member_duplicate_suggestion WHERE organisation_id = $1 AND cardinality(member_ids) >= 3 ORDER BY rule, matched_value LIMIT 1`, [org]), options());
    const [survivorId, ...mergedIds] = group.member_ids;
    let start = process.hrtime.bigint();
    const merged = await withRequestContext(ds, 'bench-merge', () => service.merge({ organisationId: org, survivorId, mergedIds, suggestionId: group.id }), options());
    lines.push(`merge of ${group.member_ids.length} members: ${(seconds(start) * 1000).toFixed(0)} ms`);
    start = process.hrtime.bigint();
    await withRequestContext(ds, 'bench-unmerge', () => service.unmerge(merged.id), options());
    lines.push(`unmerge: ${(seconds(start) * 1000).toFixed(0)} ms`);
    console.log(lines.join('\n'));
    expect(n).toBeGreaterThan(0);
  }, 600000);
});

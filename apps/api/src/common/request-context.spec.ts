import { rlsBypassedForBenchmark, rlsSettingsSql } from './request-context';

const A = '01937000-0000-7000-8000-000000000001';
const B = '01937000-0000-7000-8000-00000000000B';

describe('rlsSettingsSql', () => {
  it('sets the reach, the user and the role, LOCAL', () => {
    expect(rlsSettingsSql({ organisationIds: [A, B] }, { userId: A }, 'muster_app')).toBe(
      `SELECT set_config('muster.organisation_ids', '${A},${B.toLowerCase()}', true), set_config('muster.user_id', '${A}', true), set_config('role', 'muster_app', true)`,
    );
  });

  it('inlines nothing but well-formed uuids and a plain role name', () => {
    const sql = rlsSettingsSql({ organisationIds: [A, "x', true); DROP TABLE member; --"] }, { userId: "'; --" }, "muster_app'; --");
    expect(sql).toBe(`SELECT set_config('muster.organisation_ids', '${A}', true), set_config('muster.user_id', '', true)`);
  });

  it('no reach, no principal: empty settings (RLS then shows no rows)', () => {
    expect(rlsSettingsSql({ organisationIds: [] }, null, null)).toBe(
      `SELECT set_config('muster.organisation_ids', '', true), set_config('muster.user_id', '', true)`,
    );
  });
});

describe('rlsBypassedForBenchmark', () => {
  it('is honoured only outside production', () => {
    expect(rlsBypassedForBenchmark({ MUSTER_BENCH_BYPASS_RLS: '1', NODE_ENV: 'benchmark' })).toBe(true);
    expect(rlsBypassedForBenchmark({ MUSTER_BENCH_BYPASS_RLS: '1', NODE_ENV: 'production' })).toBe(false);
    expect(rlsBypassedForBenchmark({})).toBe(false);
  });
});

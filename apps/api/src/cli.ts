/**
 * The API's command line (built to dist/cli.js), used by the launcher, tests and the benchmark:
 *   migrate | migrate:revert | seed [--union-members N] [--campaign-members N] [--if-empty] [--seed S] [--today YYYY-MM-DD]
 *   schema | schema:check
 * Reads DATABASE_URL (except schema commands).
 */
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { createDataSource, requireDatabaseUrl } from './database/data-source.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function intFlag(args: string[], name: string, fallback: number): number {
  const raw = flag(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
}

async function withDataSource<T>(fn: (ds: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const ds = createDataSource({ url: requireDatabaseUrl(), poolSize: 4 });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate':
      return withDataSource(async (ds) => {
        const ran = await ds.runMigrations({ transaction: 'each' });
        console.log(ran.length ? `migrated: ${ran.map((m) => m.name).join(', ')}` : 'migrate: nothing to do');
        return 0;
      });
    case 'migrate:revert':
      return withDataSource(async (ds) => {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('migrate:revert: reverted the last migration');
        return 0;
      });
    case 'seed': {
      const { seedDemoData } = await import('./database/seed.js');
      const options = {
        unionMembers: intFlag(args, '--union-members', 50000),
        campaignMembers: intFlag(args, '--campaign-members', 5000),
        ifEmpty: args.includes('--if-empty'),
        campaigns: !args.includes('--no-campaigns'),
        seed: flag(args, '--seed'),
        today: flag(args, '--today'),
      };
      return withDataSource(async (ds) => {
        const summary = await seedDemoData(ds, options);
        console.log(summary.line);
        return 0;
      });
    }
    case 'schema': {
      // Loaded only here: building the schema boots Nest's GraphQL module, which the database commands do not need.
      const { SCHEMA_FILE, generateSchemaSdl } = await import('./schema.generator.js');
      await writeFile(SCHEMA_FILE, await generateSchemaSdl());
      console.log(`schema: wrote ${SCHEMA_FILE}`);
      return 0;
    }
    case 'schema:check': {
      const { SCHEMA_FILE, generateSchemaSdl } = await import('./schema.generator.js');
      const expected = await generateSchemaSdl();
      const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
      if (committed !== expected) {
        console.error(`schema:check: ${SCHEMA_FILE} differs from the code. Run \`node dist/cli.js schema\` and commit it.`);
        return 1;
      }
      console.log('schema:check: schema.graphql matches the code');
      return 0;
    }
    default:
      console.error('usage: cli <migrate|migrate:revert|seed|schema|schema:check> [options]');
      return 2;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

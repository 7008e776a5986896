/**
 * How the API reaches PostgreSQL. Owns the DataSource options used by the app, the CLI and tests.
 * Must never: enable synchronize (schema changes go through migrations only).
 */
import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './database.entities.js';
import { MIGRATIONS } from './migrations/index.js';

// A DATE is a calendar day, not an instant: keep PostgreSQL's "YYYY-MM-DD" instead of a Date at
// local midnight (which shifts a day in some time zones and compares badly with strings).
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export function requireDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (!url || url.trim() === '') {
    throw new Error(
      'DATABASE_URL is not set. Point it at a PostgreSQL server, e.g. ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (npm start sets it for you).',
    );
  }
  return url;
}

export interface DataSourceConfig {
  url: string;
  /** Pool size; defaults to DATABASE_POOL_SIZE or 20. */
  poolSize?: number;
}

export function dataSourceOptions(config: DataSourceConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: config.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 20),
      // Without a timeout a dead server makes requests (and /health) hang instead of failing.
      connectionTimeoutMillis: 5000,
      application_name: 'muster-api',
    },
  };
}

export function createDataSource(config: DataSourceConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}

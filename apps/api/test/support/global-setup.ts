import './resolve-ts';
import { createDataSource } from '../../src/database/data-source';
import { TEMPLATE_ENV, adminQuery, databaseUrl, uniqueName } from './database';

/** Creates this run's template database and migrates it once; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  const name = uniqueName('muster_api_tpl');
  await adminQuery(`CREATE DATABASE "${name}"`);
  process.env[TEMPLATE_ENV] = name;
  const ds = createDataSource({ url: databaseUrl(name), poolSize: 1 });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

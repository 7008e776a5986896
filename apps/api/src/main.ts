/**
 * Runs the API: `node dist/main.js`. Env: DATABASE_URL (required), PORT (4000), HOST (127.0.0.1),
 * LOG_LEVEL (info), DATABASE_POOL_SIZE (20).
 */
import { createApp } from './app.factory.js';
import { requireDatabaseUrl } from './database/data-source.js';

async function main(): Promise<void> {
  let databaseUrl: string;
  try {
    databaseUrl = requireDatabaseUrl();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? '127.0.0.1';
  const app = await createApp({ databaseUrl });
  app.enableShutdownHooks();
  await app.listen(port, host);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * A separate API process running the job workers (no HTTP listener), for the import tests that kill a worker
 * with SIGKILL: `node import-worker.cjs <databaseUrl>`. Uses the built API (dist/), like `npm start`.
 */
/* global require, process, console */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createApp } = require('../../dist/app.factory.js');

const databaseUrl = process.argv[2];
createApp({ databaseUrl, logLevel: process.env.LOG_LEVEL ?? 'warn' })
  .then((app) => {
    // SIGTERM: a clean stop, as main.js does (the job finishes its batch and releases the import).
    app.enableShutdownHooks();
    process.stdout.write('ready\n');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

/**
 * @muster/devstack — runs Muster on one machine (npm start / npm test) and gives tests and benchmarks the same parts:
 * an embedded PostgreSQL, the built API as a child process, the built apps behind a small static server, Chromium.
 * It must never be imported by the API or the apps at run time: it is development and test tooling.
 */
export { startEmbeddedPostgres, ensureDatabase, withDatabase, findFreePort, isPortFree, postgresNativeDir, type RunningPostgres, type EmbeddedPostgresOptions } from './postgres';
export { serveApp, type StaticAppServer } from './static-server';
export { runApiCli, startApi, repoRoot, apiDir, type RunningApi } from './processes';
export { startTestStack, serverUrlFromEnv, apiHasAuth, DEMO_USERS, type DemoUser, type TestStack, type TestStackOptions, type AppName } from './test-stack';
export { startPayments, DEV_STANDIN_SECRET_KEY, DEV_STANDIN_WEBHOOK_SECRET, type RunningPayments } from './payments';
export { launchBrowser, findChromium, screenshotPath, signIn, pageGraphql, pageGraphqlOk, CHROMIUM_ARGS, type PageGraphqlResult, type SignInOutcome } from './browser';

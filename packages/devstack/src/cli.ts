/** Entry point the bootstrap (bin/muster.cjs) hands over to once pnpm, the dependencies and the build are in place. */
import { start } from './start';
import { runTests } from './test-runner';

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'start') return start();
  if (command === 'test') process.exit(await runTests(rest));
  console.error('usage: cli.js start|test');
  process.exit(2);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

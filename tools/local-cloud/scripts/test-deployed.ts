// `npm run test:deployed -- --stage dev`: the scenario suite (tools/local-cloud/test/scenarios)
// against a deployed stage instead of the local cloud — the parity check: one suite, two clouds.
// Needs AWS credentials for the stage's account (the default provider chain) and AWS_REGION.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { stage: { type: 'string' } } });
if (!values.stage || values.stage === 'local') {
  console.error('Usage: npm run test:deployed -- --stage <deployed stage, e.g. dev>');
  process.exit(2);
}
const root = join(__dirname, '..', '..', '..');
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'nx'),
  ['run', 'local-cloud:test-deployed', '--output-style=stream-without-prefixes'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      BOOKTRIP_TEST_STAGE: values.stage,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
    },
  },
);
process.exit(result.status ?? 1);

// `npm start`: synthesize every service for the `local` stage (Nx-cached), then run what the
// local cloud can run. The local cloud itself (edge on :4566, page on :3000) is the next issue
// on the roadmap; until it lands this says so plainly and shows what it will have to emulate.
import { loadAssemblies, resourceTypeCounts } from '@booktrip/local-cloud';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function synthesizeLocalStage(): void {
  console.log('Synthesizing every service for the local stage (cached by Nx)…');
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['run-many', '-t', 'synth', '--output-style=stream-without-prefixes'],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        SYNTH_STAGE: 'local',
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    },
  );
  if (result.status !== 0) {
    console.error('\nSynthesis failed: see the output above (cdk-nag findings fail it too).');
    process.exit(result.status ?? 1);
  }
}

function report(): void {
  const { stacks, missing } = loadAssemblies(root);
  console.log('\nSynthesized stacks (the same templates `cdk deploy` deploys):');
  for (const stack of stacks) {
    const count = Object.keys(stack.template.Resources).length;
    console.log(
      `  ${stack.stackName.padEnd(40)} ${String(count).padStart(3)} resources  infra/${stack.project}/cdk.out`,
    );
  }
  if (missing.length > 0) console.log(`  not synthesized: ${missing.join(', ')}`);

  console.log('\nResource types the local cloud will emulate from these templates:');
  for (const [type, count] of resourceTypeCounts(stacks)) {
    console.log(`  ${String(count).padStart(3)} × ${type}`);
  }
  console.log(`
NOT BUILT YET: the local cloud (tools/local-cloud: edge on :4566, Lambda workers, EventBridge
routing, Step Functions, S3, the offline Lex runtime) and the chat page (apps/chat-web on :3000)
are the next issues on the roadmap. Nothing is running now.

What works today:
  npm test                 unit, CDK assertion + cdk-nag, and workflow tests (DynamoDB Local,
                           aws-local-stepfunctions running the synthesized definitions)
  npm run bench            figures for every service
  npx nx run-many -t synth synthesize every stack (-c stage via SYNTH_STAGE=dev|local)
`);
}

synthesizeLocalStage();
report();

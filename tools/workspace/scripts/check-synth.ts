// Synthesizes every stack twice without the Nx cache and fails if any template differs:
// `synth` is cached by Nx, which is only sound if the same inputs give the same output.
// Usage: npx tsx tools/workspace/scripts/check-synth.ts   (SYNTH_STAGE=local for the local stage)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function synthAll(): number {
  const started = Date.now();
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['run-many', '-t', 'synth', '--skip-nx-cache', '--output-style=stream-without-prefixes'],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    },
  );
  if (result.status !== 0) {
    console.error('synth failed');
    process.exit(1);
  }
  return Date.now() - started;
}

/** Hash of every template in every infra/*\/cdk.out, by file. */
function templateHashes(): Map<string, string> {
  const hashes = new Map<string, string>();
  const infra = join(root, 'infra');
  for (const project of readdirSync(infra).sort()) {
    const out = join(infra, project, 'cdk.out');
    if (!existsSync(out)) continue;
    for (const file of readdirSync(out).filter((name) => name.endsWith('.template.json'))) {
      const text = readFileSync(join(out, file));
      hashes.set(
        `infra/${project}/cdk.out/${file}`,
        createHash('sha256').update(text).digest('hex'),
      );
    }
  }
  return hashes;
}

const firstMs = synthAll();
const first = templateHashes();
const secondMs = synthAll();
const second = templateHashes();

const differing = [...first.keys()].filter((file) => first.get(file) !== second.get(file));
console.log(
  `\nfirst synth ${(firstMs / 1000).toFixed(1)} s, second ${(secondMs / 1000).toFixed(1)} s, ${first.size} templates`,
);
if (differing.length > 0 || first.size !== second.size || first.size === 0) {
  console.error(`templates differ between runs: ${differing.join(', ') || '(different sets)'}`);
  process.exit(1);
}
console.log('identical templates on both runs');

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface LintResult {
  messages: { ruleId: string | null; message: string }[];
}

/**
 * Lints code as if it were a file at `path` in the workspace, with the workspace's config —
 * through the ESLint CLI, since Jest's module sandbox cannot load the ESM config file.
 */
async function lintAs(
  path: string,
  code: string,
  rules: readonly string[] = ['@nx/enforce-module-boundaries'],
): Promise<string[]> {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', join(root, path), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as LintResult[];
  return (report?.messages ?? [])
    .filter((message) => message.ruleId !== null && rules.includes(message.ruleId))
    .map((message) => message.message);
}

describe('module boundaries (ARCHITECTURE.md)', () => {
  jest.setTimeout(30_000);

  it('fails lint when a lib imports an app', async () => {
    const errors = await lintAs(
      // bot-model, because image-flip does not depend on it: no cycle hides the tag error.
      'libs/bot-model/src/lib-importing-an-app.ts',
      "import { imageFlipDefinition } from '@booktrip/image-flip/definition';\nexport const x = imageFlipDefinition;\n",
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /tagged with "type:lib" can only depend on libs tagged with "type:lib"/,
        ),
      ]),
    );
  });

  it('fails lint when an app imports another app', async () => {
    const errors = await lintAs(
      'apps/booking/src/app-importing-an-app.ts',
      "import { imageFlipDefinition } from '@booktrip/image-flip/definition';\nexport const x = imageFlipDefinition;\n",
    );
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/type:app/)]));
  });

  it('fails lint when production code imports a dev tool', async () => {
    const errors = await lintAs(
      'apps/booking/src/uses-emulator.ts',
      "import { startDynamoDbLocal } from '@booktrip/local-cloud';\nexport const x = startDynamoDbLocal;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('lets apps import libs, and tests import dev tools', async () => {
    expect(
      await lintAs(
        'apps/booking/src/uses-lib.ts',
        "import { ReservationRequested } from '@booktrip/events';\nexport const x = ReservationRequested;\n",
      ),
    ).toEqual([]);
    expect(
      await lintAs(
        'apps/booking/test/uses-emulator.test.ts',
        "import { startDynamoDbLocal } from '@booktrip/local-cloud';\nexport const x = startDynamoDbLocal;\n",
      ),
    ).toEqual([]);
  });

  it('lets infra import an app only through its definition', async () => {
    const rules = ['@nx/enforce-module-boundaries', '@typescript-eslint/no-restricted-imports'];
    expect(
      await lintAs(
        'infra/image-flip/src/uses-definition.ts',
        "import { imageFlipDefinition } from '@booktrip/image-flip/definition';\nexport const x = imageFlipDefinition;\n",
        rules,
      ),
    ).toEqual([]);
    expect(
      await lintAs(
        'infra/image-flip/src/uses-handler.ts',
        "import { handler } from '@booktrip/image-flip/src/flip-image';\nexport const x = handler;\n",
        rules,
      ),
    ).toEqual([expect.stringMatching(/only `@booktrip\/<app>\/definition`/)]);
  });

  it('keeps definitions free of the CDK and SDK clients', async () => {
    const errors = await lintAs(
      'apps/booking/src/definition.ts',
      "import { Stack } from 'aws-cdk-lib';\nexport const x = Stack;\n",
      ['@typescript-eslint/no-restricted-imports'],
    );
    expect(errors).toEqual([expect.stringMatching(/plain data/)]);
  });

  it("fails lint when a service imports another service's project", async () => {
    const errors = await lintAs(
      'apps/booking/src/uses-bot-model.ts',
      "import { bookTripBot } from '@booktrip/bot-model';\nexport const x = bookTripBot;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/scope:booking/)]);
  });
});

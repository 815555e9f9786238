import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalResource } from '../../src/edge/contracts';
import {
  checkSystemRequirements,
  MissingSystemPackageError,
  requirementsFor,
} from '../../src/cloud/system-requirements';

const resource = (type: string): LocalResource => ({
  stackName: 'Stack',
  logicalId: `${type.split('::').pop() ?? 'R'}1`,
  type,
  properties: {},
  physicalId: 'physical',
  assemblyDir: '/nowhere',
});
const withTable = [resource('AWS::Lambda::Function'), resource('AWS::DynamoDB::Table')];

describe('system requirements at start-up', () => {
  let bin: string;
  /** A PATH holding only stand-ins for `commands` (each answers its version flag). */
  const pathWith = (...commands: string[]) => {
    for (const command of commands) {
      const file = join(bin, command);
      writeFileSync(file, '#!/bin/sh\nexit 0\n');
      chmodSync(file, 0o755);
    }
    return { PATH: bin };
  };
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'no-system-packages-'));
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  it('needs Java only for stacks with a DynamoDB table', () => {
    expect(requirementsFor(withTable).map((r) => r.command)).toEqual(['java', 'espeak-ng']);
    expect(requirementsFor([resource('AWS::SQS::Queue')]).map((r) => r.command)).toEqual([
      'espeak-ng',
    ]);
  });

  it('fails start-up without java, naming what needs it and the one command that installs it', () => {
    const env = pathWith('espeak-ng');

    let thrown: unknown;
    try {
      checkSystemRequirements(withTable, env);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(MissingSystemPackageError);
    expect((thrown as MissingSystemPackageError).message).toBe(
      'java is not installed; DynamoDB Local (AWS::DynamoDB::Table) needs it. Install it with:\n' +
        '  sudo apt-get install -y openjdk-17-jre-headless',
    );
  });

  it('without either, fails on java alone: a missing espeak-ng is a warning, with its command', () => {
    expect(() => checkSystemRequirements(withTable, pathWith())).toThrow(
      /^java is not installed[^\n]*\n {2}sudo apt-get install -y openjdk-17-jre-headless$/,
    );

    const warnings = checkSystemRequirements(withTable, pathWith('java'));
    expect(warnings.map((w) => [w.command, w.install])).toEqual([
      ['espeak-ng', 'sudo apt-get install -y espeak-ng lame vorbis-tools'],
    ]);
  });

  it('passes quietly when every command is on the PATH', () => {
    expect(checkSystemRequirements(withTable, pathWith('java', 'espeak-ng'))).toEqual([]);
    expect(checkSystemRequirements([resource('AWS::SQS::Queue')], pathWith('espeak-ng'))).toEqual(
      [],
    );
  });
});

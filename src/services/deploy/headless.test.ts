import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {captureIo} from '../../../test/helpers/io.js';
import {main} from '../../cli.js';

describe('install / upgrade / wizard without a terminal', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'buntime-headless-'));
  });
  afterEach(async () => {
    await rm(home, {recursive: true, force: true});
  });

  const run = async (argv: string[]): Promise<{code: number; out: string; err: string}> => {
    const io = captureIo({env: {HOME: home, KUBECONFIG: undefined}, cwd: home});
    const code = await main(argv, io);
    return {code, out: io.out(), err: io.err()};
  };

  it.each(['install', 'upgrade'])('%s without --yes fails with exit 2 and names --yes', async (command) => {
    const result = await run([command]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--yes');
    expect(result.err).toContain('--dry-run');
  });

  it('the wizard refuses to run without a terminal and names the alternatives', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('The wizard needs a terminal');
    expect(result.err).toContain('install --preset NAME -f answers.yaml --yes');
  });

  it.each([
    [['install', '--yes', '--timeout', 'soon'], "--timeout 'soon' is not a duration"],
    [['install', '--yes', '--release', 'Bad_Name'], "--release 'Bad_Name' must be lower-case letters"],
    [['upgrade', '--yes', '--namespace', 'UPPER'], "--namespace 'UPPER' must be lower-case letters"],
    [['install', '--yes', '--preset', 'k3z'], "Did you mean 'k3s'?"],
  ])('bad input %j is exit 2 with the field named', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('helm missing is exit 1 with the install hint, before touching any cluster', async () => {
    const result = await run(['install', '--yes', '--helm', join(home, 'no-such-helm')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('not found');
    expect(result.err).toContain('https://helm.sh/docs/intro/install/');
  });
});

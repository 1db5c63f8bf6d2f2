import {describe, expect, it} from 'vitest';
import {captureIo} from '../test/helpers/io.js';
import {main} from './cli.js';
import {COMMANDS} from './commands/registry.js';
import {VERSION} from './version.js';

describe('main', () => {
  it('prints the version', async () => {
    const io = captureIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${VERSION}\n`);
  });

  it('lists every command in --help', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const command of COMMANDS.filter((spec) => spec.name)) expect(io.out()).toContain(`  ${command.name}`);
    expect(io.out()).not.toMatch(/\u001B\[/);
  });

  it('exits 2 with a clear message on an unknown flag', async () => {
    const io = captureIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.err()).toContain("Unknown flag '--frobnicate' for 'buntime-deploy'.");
    expect(io.out()).toBe('');
  });

  it('shows command help', async () => {
    const io = captureIo();
    expect(await main(['render', '--help'], io)).toBe(0);
    expect(io.out()).toContain('buntime-deploy render [flags]');
    expect(io.out()).toContain('--output FILE');
  });

  it('colours output only when allowed', async () => {
    const coloured = captureIo({env: {FORCE_COLOR: '1'}});
    await main(['--help'], coloured);
    expect(coloured.out()).toMatch(/\u001B\[1m/);
    for (const env of [
      {FORCE_COLOR: '1', NO_COLOR: '1'},
      {FORCE_COLOR: '1', TERM: 'dumb'},
    ]) {
      const plain = captureIo({env});
      await main(['--help'], plain);
      expect(plain.out()).not.toMatch(/\u001B\[/);
    }
    const flag = captureIo({env: {FORCE_COLOR: '1'}});
    await main(['--help', '--no-color'], flag);
    expect(flag.out()).not.toMatch(/\u001B\[/);
  });
});

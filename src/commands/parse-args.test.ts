import {describe, expect, it} from 'vitest';
import {UserError} from '../core/errors.js';
import {flagStrings, parseArgs} from './parse-args.js';

function error(argv: string[]): UserError {
  try {
    parseArgs(argv);
  } catch (caught) {
    if (caught instanceof UserError) return caught;
    throw caught;
  }
  throw new Error(`parseArgs(${argv.join(' ')}) did not throw`);
}

describe('parseArgs', () => {
  it('routes to the default command without arguments', () => {
    expect(parseArgs([]).command.name).toBe('');
  });

  it.each([
    [['render', '--preset', 'k3s'], 'preset', 'k3s'],
    [['render', '--preset=k3s'], 'preset', 'k3s'],
    [['install', '-n', 'zomme'], 'namespace', 'zomme'],
    [['install', '-nzomme'], 'namespace', 'zomme'],
    [['status', '--kube-context', 'prod'], 'kube-context', 'prod'],
  ])('reads %j', (argv, name, value) => {
    expect(parseArgs(argv).flags[name]).toBe(value);
  });

  it('collects repeated --set and -f in order', () => {
    const parsed = parseArgs(['render', '-f', 'a.yaml', '--set', 'a=1', '--values', 'b.yaml', '--set=b=2']);
    expect(flagStrings(parsed.flags, 'values')).toEqual(['a.yaml', 'b.yaml']);
    expect(flagStrings(parsed.flags, 'set')).toEqual(['a=1', 'b=2']);
  });

  it('takes positionals and stops flags at --', () => {
    const parsed = parseArgs(['questions', 'eval', 'q.yml', '--answers', 'a.yaml']);
    expect(parsed.positionals).toEqual(['eval', 'q.yml']);
    expect(parseArgs(['lint', '--', '--weird-dir']).positionals).toEqual(['--weird-dir']);
  });

  it('rejects an unknown flag, naming the command and a close match', () => {
    const caught = error(['render', '--preest', 'k3s']);
    expect(caught.message).toBe("Unknown flag '--preest' for 'buntime-deploy render'.");
    expect(caught.hint).toContain("Did you mean '--preset'?");
    expect(caught.exitCode).toBe(2);
  });

  it('says where a flag belongs when the command does not take it', () => {
    expect(error(['lint', '--yes']).hint).toContain('buntime-deploy install');
  });

  it('rejects an unknown command with a suggestion', () => {
    const caught = error(['instal']);
    expect(caught.message).toBe("Unknown command 'instal'.");
    expect(caught.hint).toContain("Did you mean 'install'?");
  });

  it.each([
    [['render', '--preset'], "Flag '--preset' needs a value (NAME|FILE)."],
    [['render', '--preset', '--json'], "Flag '--preset' needs a value (NAME|FILE)."],
    [['render', '--json=yes'], "Flag '--json' takes no value (got '--json=yes')."],
    [['render', 'extra'], "'buntime-deploy render' takes no arguments (got 'extra')."],
    [['questions', 'check'], "'buntime-deploy questions' expects 2 argument(s) (got 'check')."],
    [['render', '--release', 'a', '--release', 'b'], "Flag '--release' was given twice with different values."],
  ])('rejects %j', (argv, message) => {
    expect(error(argv).message).toBe(message);
  });

  it('lets --help through without required positionals', () => {
    expect(parseArgs(['questions', '--help']).flags['help']).toBe(true);
  });
});

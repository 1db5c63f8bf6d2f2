import {readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {scratchDir} from '../../test/helpers/scratch.js';
import {UserError} from '../core/errors.js';
import {displayPath, parseYaml, readYamlFile, secretsPathFor, writeFilesAtomic} from './files.js';

let dir: string;
beforeEach(() => {
  dir = scratchDir('bd-files-');
});
afterEach(() => {
  // Some tests make it read-only; the scratch directory is removed after the file.
  chmodSync(dir, 0o755);
});

function problemOf(run: () => unknown): {message: string; where: string; hint: string} {
  try {
    run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      message: `${error.message} ${error.problems[0]?.message ?? ''}`,
      where: error.problems[0]?.where ?? '',
      hint: error.problems[0]?.hint ?? error.hint ?? '',
    };
  }
  throw new Error('expected a UserError');
}

describe('parseYaml', () => {
  it('locates keys and list items', () => {
    const file = parseYaml('a:\n  b: 1\n  list:\n    - x\n    - "y": 2\n', 'f.yaml', {what: 'answers file'});
    expect(file.value).toEqual({a: {b: 1, list: ['x', {y: 2}]}});
    expect(file.locate(['a', 'b'])).toBe('f.yaml:2:3');
    expect(file.locate(['a', 'list', 1, 'y'])).toBe('f.yaml:5:7');
    expect(file.locate(['a', 'missing'])).toBe('f.yaml:1:1');
    expect(file.locate([])).toBe('f.yaml:1:1');
  });

  it.each([
    ['a: 1\na: 2\n', 'f.yaml:2:1', /unique/, /once per mapping/],
    ['a: [1, 2\n', 'f.yaml:', /./, /indentation|quoting/],
    ['a:\n\t- b\n', 'f.yaml:2', /./, /spaces|indentation/],
    ['a: 1\n---\nb: 2\n', 'f.yaml:', /./, /one YAML document|indentation/],
    ['a: "x\n', 'f.yaml:', /./, /./],
    ['- a\n- b\n', 'f.yaml:1:1', /must be a YAML mapping/, /Start the file with keys/],
    ['just text\n', 'f.yaml:1:1', /must be a YAML mapping/, /./],
    ['42\n', 'f.yaml:1:1', /must be a YAML mapping/, /./],
  ])('rejects %j at %s', (text, where, message, hint) => {
    const problem = problemOf(() => parseYaml(text, 'f.yaml', {what: 'answers file'}));
    expect(problem.where.startsWith(where)).toBe(true);
    expect(`${problem.message} ${problem.where}`).toMatch(message.source === '.' ? /f\.yaml/ : message);
    expect(problem.hint).toMatch(hint);
  });

  it('locates Rancher-style flat keys', () => {
    const file = parseYaml('replicaCount: 2\ningress.host: x\n', 'f.yaml', {what: 'answers file'});
    expect(file.locate(['ingress', 'host'])).toBe('f.yaml:2:1');
  });

  it('reads an empty file as an empty mapping', () => {
    expect(parseYaml('', 'f.yaml', {what: 'x'}).value).toEqual({});
    expect(parseYaml('# only a comment\n', 'f.yaml', {what: 'x'}).value).toEqual({});
  });

  it('allows other roots when asked', () => {
    expect(parseYaml('- a\n', 'f.yaml', {what: 'x', mapping: false}).value).toEqual(['a']);
  });
});

describe('readYamlFile', () => {
  it('reads relative to cwd and shows relative paths', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yaml'), 'x: 1\n');
    const file = await readYamlFile('sub/a.yaml', {cwd: dir, what: 'answers file'});
    expect(file.display).toBe(join('sub', 'a.yaml'));
    expect(file.locate(['x'])).toBe('sub/a.yaml:1:1');
  });

  it.each([
    ['missing.yaml', /does not exist/],
    ['.', /is a directory/],
  ])('names the problem for %s', async (path, message) => {
    await expect(readYamlFile(path, {cwd: dir, what: 'answers file'})).rejects.toThrow(message);
  });

  it('reads - from stdin', async () => {
    const file = await readYamlFile('-', {cwd: dir, what: 'answers file', stdin: async () => 'a: 1\n'});
    expect(file.value).toEqual({a: 1});
    expect(file.display).toBe('<stdin>');
  });

  it('shows paths outside cwd as absolute', () => {
    expect(displayPath('/etc/x.yaml', dir)).toBe('/etc/x.yaml');
    expect(displayPath('a.yaml', dir)).toBe('a.yaml');
  });
});

describe('writeFilesAtomic', () => {
  it('writes with exact modes and leaves no temporary files', async () => {
    await writeFilesAtomic([
      {path: join(dir, 'values.yaml'), content: 'a: 1\n'},
      {path: join(dir, 'values.secrets.yaml'), content: 'k: s\n', mode: 0o600},
    ]);
    expect(readdirSync(dir).sort()).toEqual(['values.secrets.yaml', 'values.yaml']);
    expect(statSync(join(dir, 'values.secrets.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'values.yaml')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'values.secrets.yaml'), 'utf8')).toBe('k: s\n');
  });

  it('tightens an existing secrets file to 0600', async () => {
    writeFileSync(join(dir, 's.yaml'), 'old', {mode: 0o644});
    await writeFilesAtomic([{path: join(dir, 's.yaml'), content: 'new', mode: 0o600}]);
    expect(statSync(join(dir, 's.yaml')).mode & 0o777).toBe(0o600);
  });

  it('writes nothing when one target cannot be written', async () => {
    writeFileSync(join(dir, 'values.yaml'), 'old\n');
    await expect(
      writeFilesAtomic([
        {path: join(dir, 'values.yaml'), content: 'new\n'},
        {path: join(dir, 'no-such-dir', 'x.yaml'), content: 'x'},
      ]),
    ).rejects.toThrow(/nothing was written/);
    expect(readdirSync(dir)).toEqual(['values.yaml']);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe('old\n');
  });

  it('names the secrets file next to the values file', () => {
    expect(secretsPathFor('values.yaml')).toBe('values.secrets.yaml');
    expect(secretsPathFor('out/prod.yml')).toBe('out/prod.secrets.yml');
    expect(secretsPathFor('vals')).toBe('vals.secrets');
  });
});

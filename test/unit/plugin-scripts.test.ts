/**
 * The shell steps `plugins list/push/remove` run in a runtime pod, run here by the real sh, tar,
 * find and sha256sum of this machine on a directory standing for the pod's `/` (through the same
 * exec shim the test cluster's kwok uses): the listing parses, a pushed archive unpacks into a
 * hidden folder, its sums match the local files, and activation swaps it into place.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  compareSums,
  listScript,
  parseListing,
  parseSums,
  pluginVolumeCheck,
  pushChecks,
  pushScripts,
  removeChecks,
  removeScript,
  type InstalledPlugin,
  type LocalPlugin,
} from '../../src/core/operate/plugins.js';
import {tarArchive, type TarEntry} from '../../src/core/operate/tar.js';
import {scratchDir} from '../helpers/scratch.js';

const SHIM = join(import.meta.dirname, '..', 'cluster', 'exec-shim.sh');

/** A pod: its root directory, and `sh -c SCRIPT` run "inside" it. */
function pod(): {root: string; sh: (script: string, input?: Uint8Array) => string} {
  const root = scratchDir('buntime-pod-');
  const bin = join(root, 'bin');
  mkdirSync(bin, {recursive: true});
  copyFileSync(SHIM, join(bin, 'sh'));
  chmodSync(join(bin, 'sh'), 0o755);
  mkdirSync(join(root, 'data', 'plugins'), {recursive: true});
  const sh = (script: string, input?: Uint8Array): string =>
    execFileSync('sh', ['-c', script], {
      env: {PATH: `${bin}:${process.env['PATH']}`, BUNTIME_TEST_POD_ROOT: root},
      ...(input ? {input} : {}),
      encoding: 'utf8',
    });
  return {root, sh};
}

function write(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(join(root, path, '..'), {recursive: true});
  writeFileSync(join(root, path), content);
}

const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('plugin scripts in a pod', () => {
  it('lists built-in and uploaded plugins, with a broken manifest reported', () => {
    const {root, sh} = pod();
    write(root, 'data/.plugins/plugin-turso/manifest.yaml', 'name: "@buntime/plugin-turso"\nenabled: true\n');
    write(root, 'data/.plugins/plugin-logs/manifest.yaml', 'name: "@buntime/plugin-logs"\nenabled: false\n');
    write(
      root,
      'data/plugins/plugin-foo/manifest.yaml',
      'name: "@acme/plugin-foo"\ndependencies: ["@buntime/plugin-turso"]\n',
    );
    write(root, 'data/plugins/plugin-bad/manifest.yaml', 'name: [oops\n');
    mkdirSync(join(root, 'data', 'plugins', '.plugin-x.incoming'));
    const plugins = parseListing(sh(listScript()));
    expect(plugins.map((plugin) => `${plugin.source}:${plugin.folder}:${plugin.name}:${plugin.enabled}`)).toEqual([
      'built-in:plugin-logs:@buntime/plugin-logs:false',
      'built-in:plugin-turso:@buntime/plugin-turso:true',
      'uploaded:plugin-bad:plugin-bad:false',
      'uploaded:plugin-foo:@acme/plugin-foo:true',
    ]);
    expect(plugins[2]?.problem).toContain('/data/plugins/plugin-bad/manifest.yaml is not valid YAML');
    expect(plugins[3]?.dependencies).toEqual(['@buntime/plugin-turso']);
  });

  it('push: unpack into a hidden folder, the sums match byte for byte, activation replaces the old copy', () => {
    const {root, sh} = pod();
    write(root, 'data/plugins/plugin-foo/old.js', 'old');
    const binary = new Uint8Array(20_000).map((_, index) => (index * 7) % 256);
    const long = `dist/${'deep/'.repeat(25)}file.js`;
    const entries: TarEntry[] = [
      {
        path: 'manifest.yaml',
        type: 'file',
        mode: 0o644,
        data: new TextEncoder().encode('name: "@acme/plugin-foo"\n'),
        mtime: 1,
      },
      {path: 'dist', type: 'dir', mode: 0o755, mtime: 1},
      {
        path: 'dist/plugin.js',
        type: 'file',
        mode: 0o644,
        data: new TextEncoder().encode('export default {};\n'),
        mtime: 1,
      },
      {path: 'dist/icon.bin', type: 'file', mode: 0o644, data: binary, mtime: 1},
      {path: 'bin', type: 'dir', mode: 0o755, mtime: 1},
      {path: 'bin/run', type: 'file', mode: 0o755, data: new TextEncoder().encode('#!/bin/sh\n'), mtime: 1},
      {path: 'empty.txt', type: 'file', mode: 0o644, data: new Uint8Array(), mtime: 1},
      ...long
        .split('/')
        .slice(0, -1)
        .map((_, index, parts) => ({
          path: parts.slice(0, index + 1).join('/'),
          type: 'dir' as const,
          mode: 0o755,
          mtime: 1,
        }))
        .filter((entry) => entry.path !== 'dist'),
      {path: long, type: 'file', mode: 0o644, data: new TextEncoder().encode('x'), mtime: 1},
    ];
    const local: LocalPlugin['files'] = entries
      .filter((entry) => entry.type === 'file')
      .map((entry) => ({path: entry.path, size: entry.data?.length ?? 0, sha256: sha(entry.data ?? new Uint8Array())}));
    const scripts = pushScripts('plugin-foo');
    sh(scripts.unpack, tarArchive(entries));
    expect(readdirSync(join(root, 'data', 'plugins')).sort()).toEqual(['.plugin-foo.incoming', 'plugin-foo']);
    const sums = parseSums(sh(scripts.sums));
    expect(compareSums(local, sums)).toEqual([]);
    expect(compareSums([...local, {path: 'missing.js', size: 1, sha256: sha('m')}], sums)).toEqual([
      'missing.js is missing',
    ]);
    sh(scripts.activate);
    expect(readdirSync(join(root, 'data', 'plugins'))).toEqual(['plugin-foo']);
    expect(readFileSync(join(root, 'data', 'plugins', 'plugin-foo', 'dist', 'icon.bin'))).toEqual(Buffer.from(binary));
    expect(readdirSync(join(root, 'data', 'plugins', 'plugin-foo'))).not.toContain('old.js');
    sh(removeScript('plugin-foo'));
    expect(readdirSync(join(root, 'data', 'plugins'))).toEqual([]);
  });
});

describe('plugin checks', () => {
  const installed: InstalledPlugin[] = [
    {
      name: '@buntime/plugin-turso',
      enabled: true,
      dependencies: [],
      optionalDependencies: [],
      source: 'built-in',
      folder: 'plugin-turso',
    },
    {
      name: '@buntime/plugin-logs',
      enabled: false,
      dependencies: [],
      optionalDependencies: [],
      source: 'built-in',
      folder: 'plugin-logs',
    },
    {
      name: '@acme/plugin-bar',
      enabled: true,
      dependencies: ['@acme/plugin-foo'],
      optionalDependencies: [],
      source: 'uploaded',
      folder: 'plugin-bar',
    },
    {
      name: '@acme/plugin-foo',
      enabled: true,
      dependencies: [],
      optionalDependencies: [],
      source: 'uploaded',
      folder: 'plugin-foo',
    },
  ];
  const local = (manifest: LocalPlugin['manifest'], paths = ['manifest.yaml', 'dist/plugin.js']): LocalPlugin => ({
    dir: './p',
    manifest,
    files: paths.map((path) => ({path, size: 1, sha256: 'x'})),
    refused: [],
  });
  const manifest = (name: string, dependencies: string[] = []) => ({
    name,
    enabled: true,
    dependencies,
    optionalDependencies: [],
  });
  const ids = (checks: ReturnType<typeof pushChecks>): string[] =>
    checks.map((check) => `${check.severity}:${check.id}`);

  it.each([
    ['a new plugin whose dependency is enabled', local(manifest('@acme/plugin-new', ['@buntime/plugin-turso'])), []],
    ['no dist/plugin.js', local(manifest('@acme/plugin-new'), ['manifest.yaml']), ['error:plugin-entry']],
    [
      'a dependency that is installed but disabled',
      local(manifest('@acme/plugin-new', ['@buntime/plugin-logs'])),
      ['error:plugin-dependency'],
    ],
    [
      'a dependency nobody has',
      local(manifest('@acme/plugin-new', ['@x/plugin-nowhere'])),
      ['error:plugin-dependency'],
    ],
    ['the name of a built-in', local(manifest('@buntime/plugin-turso')), ['error:plugin-builtin']],
    ['an update of an uploaded one', local(manifest('@acme/plugin-foo')), ['warning:plugin-replace']],
    ['a name without a usable folder', local(manifest('@acme/Plugin Foo')), ['error:plugin-name']],
    ['an unreadable manifest', local('./p/manifest.yaml is not valid YAML'), ['error:plugin-manifest']],
  ])('push: %s', (_name, plugin, expected) => expect(ids(pushChecks(plugin, installed))).toEqual(expected));

  it('remove: only uploaded plugins that nothing enabled depends on', () => {
    expect(removeChecks('plugin-bar', installed)).toEqual([]);
    expect(removeChecks('@acme/plugin-foo', installed)).toEqual([
      expect.objectContaining({id: 'plugin-dependents', message: expect.stringContaining('@acme/plugin-bar')}),
    ]);
    expect(removeChecks('plugin-turso', installed)[0]).toMatchObject({id: 'plugin-builtin'});
    expect(removeChecks('plugin-none', installed)[0]).toMatchObject({
      id: 'plugin-missing',
      hint: expect.stringContaining('plugin-bar'),
    });
  });

  it('refuses a ReadWriteOnce plugins volume with more than one runtime pod, saying why', () => {
    const rwo = {name: 'buntime-plugins', accessModes: ['ReadWriteOnce']};
    expect(pluginVolumeCheck(rwo, 1)).toBeUndefined();
    expect(pluginVolumeCheck({...rwo, accessModes: ['ReadWriteMany']}, 3)).toBeUndefined();
    expect(pluginVolumeCheck(rwo, 3)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('reaches the pods on that node, never the others'),
    });
  });
});

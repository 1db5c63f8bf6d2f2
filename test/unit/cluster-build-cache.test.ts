/**
 * build.sh's cache contract without building anything: a component directory counts only when its
 * .complete stamp matches every file in it; `check` reports what is missing and needs no Go.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {pinnedVersions} from '../cluster/tools.js';

const BUILD = join(import.meta.dirname, '..', 'cluster', 'build.sh');

/** Every component directory with the files the harness needs, stamped like a finished build. */
function fakeCache(root: string): void {
  const v = pinnedVersions();
  const components: [string, string[]][] = [
    [`helm-${v['HELM3_VERSION']}`, ['helm']],
    [`helm-${v['HELM4_VERSION']}`, ['helm']],
    [
      `kwok-${v['KWOK_VERSION']}`,
      [
        'kwok',
        'kwokctl',
        'crds/kwok.x-k8s.io_portforwards.yaml',
        'crds/kwok.x-k8s.io_logs.yaml',
        'stages/node-initialize.yaml',
        'stages/node-heartbeat-with-lease.yaml',
        'stages/pod-ready.yaml',
        'stages/pod-complete.yaml',
        'stages/pod-delete.yaml',
      ],
    ],
    [`etcd-${v['ETCD_VERSION']}`, ['etcd']],
    [`kubernetes-${v['K8S_VERSION']}`, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']],
    [`kubectl-${v['K8S_VERSION']}`, ['kubectl']],
    [`minio-${v['MINIO_VERSION']}`, ['minio']],
    [
      `flux-source-crds-${v['FLUX_SOURCE_VERSION']}`,
      [
        'source.toolkit.fluxcd.io_helmrepositories.yaml',
        'source.toolkit.fluxcd.io_ocirepositories.yaml',
        'source.toolkit.fluxcd.io_gitrepositories.yaml',
      ],
    ],
    [
      `flux-helmrelease-crd-${v['FLUX_HELM_API_VERSION']}+controller-gen-${v['CONTROLLER_TOOLS_VERSION']}`,
      ['helm.toolkit.fluxcd.io_helmreleases.yaml'],
    ],
    [`argocd-crds-${v['ARGOCD_VERSION']}`, ['application-crd.yaml']],
    [`k3s-helm-crds-${v['K3S_HELM_CONTROLLER_VERSION']}`, ['helm.cattle.io_helmcharts.yaml']],
  ];
  for (const [dir, files] of components) {
    for (const file of files) {
      mkdirSync(join(root, dir, file, '..'), {recursive: true});
      writeFileSync(join(root, dir, file), `#!/bin/sh\necho ${file}\n`, {mode: 0o755});
    }
    execFileSync(
      'bash',
      ['-c', "find . -type f ! -name .complete -printf '%P\\0' | sort -z | xargs -0 sha256sum > .complete"],
      {cwd: join(root, dir)},
    );
  }
}

/** `build.sh check [components]` with a PATH that has no Go on it. */
function check(cache: string, components: string[] = []): {status: number | null; stderr: string} {
  const path = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => !/go\/bin/.test(dir))
    .join(delimiter);
  const result = spawnSync('bash', [BUILD, 'check', ...components], {
    env: {...process.env, PATH: path, BUNTIME_TEST_CACHE: cache},
    encoding: 'utf8',
  });
  return {status: result.status, stderr: result.stderr};
}

describe('build.sh cache stamps', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'buntime-cache-test-'));
    fakeCache(cache);
  });
  afterEach(() => rmSync(cache, {recursive: true, force: true}));

  it('accepts a complete cache without needing Go', () => {
    expect(check(cache)).toMatchObject({status: 0});
  });

  it('leaves k9s (built only for npm run bench) out of check and all, and checks it when named', () => {
    const all = check(cache);
    expect(all.status).toBe(0);
    expect(all.stderr).not.toContain('k9s');
    const named = check(cache, ['k9s']);
    expect(named.status).toBe(1);
    expect(named.stderr).toMatch(/k9s v[\d.]+: missing or incomplete/);
    expect(named.stderr).not.toContain('etcd');
  });

  it('rejects a component whose binary was truncated after the build', () => {
    truncateSync(join(cache, `etcd-${pinnedVersions()['ETCD_VERSION']}`, 'etcd'), 3);
    const result = check(cache);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/etcd v[\d.]+: missing or incomplete/);
    expect(result.stderr).toMatch(/kubernetes v[\d.]+: cached/);
  });

  it('rejects a directory without its .complete stamp (an interrupted build)', () => {
    unlinkSync(join(cache, `kubectl-${pinnedVersions()['K8S_VERSION']}`, '.complete'));
    const result = check(cache);
    expect([result.status, /kubectl v[\d.]+: missing or incomplete/.test(result.stderr)]).toEqual([1, true]);
  });

  it('rejects a component missing a file the harness needs even if its stamp matches the rest', () => {
    const kwok = join(cache, `kwok-${pinnedVersions()['KWOK_VERSION']}`);
    rmSync(join(kwok, 'stages'), {recursive: true});
    execFileSync(
      'bash',
      ['-c', "find . -type f ! -name .complete -printf '%P\\0' | sort -z | xargs -0 sha256sum > .complete"],
      {cwd: kwok},
    );
    expect(check(cache).stderr).toMatch(/kwok v[\d.]+: missing or incomplete/);
  });

  it('fails a build that needs Go with instructions when Go is missing', () => {
    rmSync(join(cache, `etcd-${pinnedVersions()['ETCD_VERSION']}`), {recursive: true});
    const path = (process.env['PATH'] ?? '')
      .split(delimiter)
      .filter((dir) => !/go\/bin/.test(dir))
      .join(delimiter);
    const result = spawnSync('bash', [BUILD, 'etcd'], {
      env: {...process.env, PATH: path, BUNTIME_TEST_CACHE: cache},
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('Install Go >= 1.26');
  });
});

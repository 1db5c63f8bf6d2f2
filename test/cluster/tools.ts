import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Versions pinned in versions.sh (the single source of truth shared with build.sh). */
export function pinnedVersions(): Record<string, string> {
  const text = readFileSync(join(HERE, 'versions.sh'), 'utf8');
  const versions: Record<string, string> = {};
  for (const match of text.matchAll(/^([A-Z0-9_]+_VERSION)=(\S+)$/gm))
    versions[match[1] as string] = match[2] as string;
  return versions;
}

/** The cache root shared by every checkout on this machine. */
export function cacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env['BUNTIME_TEST_CACHE'] ?? join(env['HOME'] ?? homedir(), '.cache', 'buntime-deploy-test');
}

/** Absolute paths of every built tool (they may not exist yet: see isBuilt). */
export function toolPaths(env: Readonly<Record<string, string | undefined>> = process.env) {
  const v = pinnedVersions();
  const cache = cacheDir(env);
  const dir = (component: string, version: string | undefined): string => join(cache, `${component}-${version}`);
  return {
    helm3: join(dir('helm', v['HELM3_VERSION']), 'helm'),
    helm4: join(dir('helm', v['HELM4_VERSION']), 'helm'),
    kwok: join(dir('kwok', v['KWOK_VERSION']), 'kwok'),
    kwokctl: join(dir('kwok', v['KWOK_VERSION']), 'kwokctl'),
    etcd: join(dir('etcd', v['ETCD_VERSION']), 'etcd'),
    kubeApiserver: join(dir('kubernetes', v['K8S_VERSION']), 'kube-apiserver'),
    kubeControllerManager: join(dir('kubernetes', v['K8S_VERSION']), 'kube-controller-manager'),
    kubeScheduler: join(dir('kubernetes', v['K8S_VERSION']), 'kube-scheduler'),
    kubectl: join(dir('kubectl', v['K8S_VERSION']), 'kubectl'),
    /** kwok's default Stage manifests and its CRDs, copied from the module by build.sh. */
    kwokStages: join(dir('kwok', v['KWOK_VERSION']), 'stages'),
    kwokCrds: join(dir('kwok', v['KWOK_VERSION']), 'crds'),
    minio: join(dir('minio', v['MINIO_VERSION']), 'minio'),
    /** The GitOps engines' CRDs (directories of YAML files), taken from their Go modules by build.sh. */
    gitopsCrds: {
      fluxSource: dir('flux-source-crds', v['FLUX_SOURCE_VERSION']),
      fluxHelmRelease: dir(
        'flux-helmrelease-crd',
        `${v['FLUX_HELM_API_VERSION']}+controller-gen-${v['CONTROLLER_TOOLS_VERSION']}`,
      ),
      argocd: dir('argocd-crds', v['ARGOCD_VERSION']),
      k3s: dir('k3s-helm-crds', v['K3S_HELM_CONTROLLER_VERSION']),
    },
  };
}

/** True when the tool's component directory carries the .complete stamp written after a build. */
export function isBuilt(binary: string): boolean {
  return existsSync(binary) && existsSync(join(dirname(binary), '.complete'));
}

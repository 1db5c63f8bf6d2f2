import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {KubeConfig, KubernetesObject} from '@kubernetes/client-node';
import {parseAllDocuments} from 'yaml';
import {httpsRequest, type ProbeTarget} from './probe.js';

/** Name of the ClusterIssuer every test cluster starts with (Ready, like one a user set up). */
export const SAMPLE_CLUSTER_ISSUER = 'home-ca-issuer';

type K8s = typeof import('@kubernetes/client-node');

/** Every object in the YAML files (multi-document), skipping empty documents. */
export async function readManifests(files: readonly string[]): Promise<KubernetesObject[]> {
  const objects: KubernetesObject[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(await readFile(file, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const value = doc.toJS() as KubernetesObject | null;
      if (value && typeof value === 'object' && value.kind) objects.push(value);
    }
  }
  return objects;
}

/** The .yaml files of a directory, sorted, as absolute paths. */
export async function yamlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** REST collection paths of the cluster-scoped kinds the bootstrap creates. */
const COLLECTIONS: Record<string, string> = {
  CustomResourceDefinition: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  StorageClass: '/apis/storage.k8s.io/v1/storageclasses',
  CSIDriver: '/apis/storage.k8s.io/v1/csidrivers',
};

/**
 * Creates the objects with plain REST calls (the cluster is new, so create, not apply). Not
 * client-node's KubernetesObjectApi: it re-serialises objects through its typed models, which drops
 * keys whose JSON name differs from the model's, such as `x-kubernetes-preserve-unknown-fields`.
 */
export async function createAll(target: ProbeTarget, objects: readonly KubernetesObject[]): Promise<void> {
  await Promise.all(
    objects.map(async (object) => {
      const path = COLLECTIONS[object.kind ?? ''];
      if (!path) throw new Error(`bootstrap: no REST path known for kind ${object.kind}`);
      const response = await httpsRequest(target, 'POST', path, object);
      if (response.status !== 201)
        throw new Error(`creating ${object.kind} ${object.metadata?.name}: ${response.status} ${response.body}`);
    }),
  );
}

async function poll(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until every CRD is Established (served), so kwok and tests can use the kinds at once. */
export async function waitCrdsEstablished(
  lib: K8s,
  kc: KubeConfig,
  names: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  const api = kc.makeApiClient(lib.ApiextensionsV1Api);
  await Promise.all(
    names.map((name) =>
      poll(`CRD ${name} to be established`, timeoutMs, async () => {
        const crd = await api.readCustomResourceDefinition({name});
        return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
      }),
    ),
  );
}

/** The sample ClusterIssuer, with a Ready status as cert-manager would report it. */
export async function createSampleIssuer(lib: K8s, kc: KubeConfig): Promise<void> {
  const api = kc.makeApiClient(lib.CustomObjectsApi);
  const ref = {group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers'};
  await api.createClusterCustomObject({
    ...ref,
    body: {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: {name: SAMPLE_CLUSTER_ISSUER},
      spec: {ca: {secretName: 'home-ca'}},
    },
  });
  const now = new Date().toISOString();
  await api.patchClusterCustomObjectStatus(
    {
      ...ref,
      name: SAMPLE_CLUSTER_ISSUER,
      body: {
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KeyPairVerified',
              message: 'Signing CA verified',
              lastTransitionTime: now,
            },
          ],
        },
      },
    },
    lib.setHeaderOptions('Content-Type', lib.PatchStrategy.MergePatch),
  );
}

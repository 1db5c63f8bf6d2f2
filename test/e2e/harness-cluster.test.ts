/**
 * The e2e cluster itself: real version, loopback-only listeners, nodes, storage classes that really
 * provision, cert-manager API, kwok logs, and an API server restart in the middle of a watch.
 */
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {mkdtemp, mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  createNamespace,
  getCluster,
  helm,
  kube,
  kubectl,
  restartApiServer,
  setNodeCount,
  setPodLogs,
  waitFor,
} from '../cluster/harness.js';

/** TCP listening addresses of every process in the cluster's process group, from /proc. */
function listeningAddresses(pgid: number): string[] {
  const inodes = new Set<string>();
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(link);
        if (match) inodes.add(match[1] as string);
      }
    } catch {
      // Process or fd went away.
    }
  }
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A' || !inodes.has(cols[9] ?? '')) continue; // 0A = LISTEN
      const [hex] = (cols[1] ?? '').split(':');
      addresses.push(hex ?? '');
    }
  }
  return addresses;
}

describe('test cluster', () => {
  it('reports the real Kubernetes version, which helm 3 and 4 accept for a kubeVersion constraint', async () => {
    const {k8s, kc} = await kube();
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect([version.gitVersion, version.major, version.minor]).toEqual(['v1.36.3', '1', '36']);
    expect(await kubectl(['version', '-o', 'json'])).toContain('"gitVersion": "v1.36.3"');
    const chart = await mkdtemp(join(getCluster().workdir, 'chart-'));
    await mkdir(join(chart, 'templates'));
    await writeFile(
      join(chart, 'Chart.yaml'),
      'apiVersion: v2\nname: gate\nversion: 0.1.0\nkubeVersion: ">=1.36.3-0 <1.36.4-0"\n',
    );
    await writeFile(
      join(chart, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gate}\ndata: {version: "{{ .Capabilities.KubeVersion.Version }}"}\n',
    );
    for (const major of [3, 4] as const) {
      const out = await helm(major, ['install', 'gate', chart, '--dry-run=server', '-n', 'default']);
      expect(out).toContain('version: "v1.36.3"');
    }
  });

  it('listens on loopback only', () => {
    const addresses = listeningAddresses(getCluster().pgid);
    // API server, etcd (client + peer), kwok, MinIO, the daemon's control port.
    expect(addresses.length).toBeGreaterThanOrEqual(6);
    const loopback = addresses.filter((a) => a === '0100007F' || a === '00000000000000000000000001000000');
    expect(loopback).toEqual(addresses);
  });

  it('has 1 kwok node, then 3, then 1 again (drained: its workloads move to the remaining node)', async () => {
    const namespace = await createNamespace('nodes');
    const {core, apps} = await kube();
    const names = async (): Promise<string[]> =>
      (await core.listNode()).items.map((n) => n.metadata?.name ?? '').sort();
    expect(await names()).toEqual(['kwok-node-0']);
    await setNodeCount(3);
    expect(await names()).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
    const labels = {app: 'spread'};
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: {name: 'spread'},
        spec: {
          replicas: 3,
          selector: {matchLabels: labels},
          template: {
            metadata: {labels},
            spec: {
              containers: [{name: 'c', image: 'x'}],
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'kubernetes.io/hostname',
                  whenUnsatisfiable: 'DoNotSchedule',
                  labelSelector: {matchLabels: labels},
                },
              ],
            },
          },
        },
      },
    });
    const podNodes = async (): Promise<string[]> =>
      (await core.listNamespacedPod({namespace, labelSelector: 'app=spread'})).items
        .filter((p) => p.status?.phase === 'Running')
        .map((p) => p.spec?.nodeName ?? '')
        .sort();
    await waitFor('one pod per node', async () => (await podNodes()).join() === 'kwok-node-0,kwok-node-1,kwok-node-2');
    await setNodeCount(1);
    expect(await names()).toEqual(['kwok-node-0']);
    await waitFor(
      'all pods on the remaining node',
      async () => (await podNodes()).join() === 'kwok-node-0,kwok-node-0,kwok-node-0',
    );
  });

  it('provisions local-path (RWO, default, per node) and nfs (RWX) claims, refuses RWX on local-path, deletes released volumes', async () => {
    const namespace = await createNamespace('storage');
    const {core, k8s, kc} = await kube();
    const classes = (await kc.makeApiClient(k8s.StorageV1Api).listStorageClass()).items;
    expect(
      classes.map((c) => [
        c.metadata?.name,
        c.provisioner,
        c.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'],
      ]),
    ).toEqual([
      ['local-path', 'rancher.io/local-path', 'true'],
      ['nfs', 'nfs.csi.k8s.io', undefined],
    ]);
    const claim = (name: string, accessMode: string, storageClassName?: string) =>
      core.createNamespacedPersistentVolumeClaim({
        namespace,
        body: {
          metadata: {name},
          spec: {accessModes: [accessMode], storageClassName, resources: {requests: {storage: '1Gi'}}},
        },
      });
    await claim('rwo', 'ReadWriteOnce');
    await claim('rwx-local', 'ReadWriteMany');
    for (let i = 0; i < 12; i++) await claim(`shared-${i}`, 'ReadWriteMany', 'nfs');
    // local-path waits for a consumer, like k3s's.
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: {name: 'user'},
        spec: {
          containers: [{name: 'c', image: 'x'}],
          volumes: [{name: 'a', persistentVolumeClaim: {claimName: 'rwo'}}],
        },
      },
    });
    await waitFor('claims to bind', async () => {
      const claims = (await core.listNamespacedPersistentVolumeClaim({namespace})).items;
      return claims.filter((c) => c.status?.phase === 'Bound').length === 13;
    });
    const rwo = await core.readNamespacedPersistentVolumeClaim({namespace, name: 'rwo'});
    const pv = await core.readPersistentVolume({name: rwo.spec?.volumeName ?? ''});
    expect(pv.spec?.storageClassName).toBe('local-path');
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values).toEqual([
      'kwok-node-0',
    ]);
    const shared = await core.readPersistentVolume({
      name: (await core.readNamespacedPersistentVolumeClaim({namespace, name: 'shared-0'})).spec?.volumeName ?? '',
    });
    expect([shared.spec?.csi?.driver, shared.spec?.accessModes]).toEqual(['nfs.csi.k8s.io', ['ReadWriteMany']]);
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: {name: 'rwx-user'},
        spec: {
          containers: [{name: 'c', image: 'x'}],
          volumes: [{name: 'a', persistentVolumeClaim: {claimName: 'rwx-local'}}],
        },
      },
    });
    const event = await waitFor(
      'ProvisioningFailed on rwx-local',
      async () =>
        (
          await core.listNamespacedEvent({
            namespace,
            fieldSelector: 'involvedObject.name=rwx-local,reason=ProvisioningFailed',
          })
        ).items[0],
    );
    expect(event.message).toContain('Only support ReadWriteOnce access mode');
    expect((await core.readNamespacedPersistentVolumeClaim({namespace, name: 'rwx-local'})).status?.phase).toBe(
      'Pending',
    );

    await core.deleteNamespacedPersistentVolumeClaim({namespace, name: 'shared-0'});
    await waitFor('the released nfs volume to be deleted', async () => {
      try {
        await core.readPersistentVolume({name: shared.metadata?.name ?? ''});
        return false;
      } catch (error) {
        return (error as {code?: number}).code === 404;
      }
    });
  });

  it('serves the cert-manager API with a Ready ClusterIssuer', async () => {
    const {k8s, kc} = await kube();
    const list = (await kc
      .makeApiClient(k8s.CustomObjectsApi)
      .listClusterCustomObject({group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers'})) as {
      items: {metadata: {name: string}; status?: {conditions?: {type: string; status: string}[]}}[];
    };
    expect(
      list.items.map((i) => [i.metadata.name, i.status?.conditions?.find((c) => c.type === 'Ready')?.status]),
    ).toEqual([['home-ca-issuer', 'True']]);
  });

  it('serves pod logs from kwok Logs, followed as lines are appended', async () => {
    const namespace = await createNamespace('logs');
    const {core} = await kube();
    await core.createNamespacedPod({
      namespace,
      body: {metadata: {name: 'talker'}, spec: {containers: [{name: 'c', image: 'x'}]}},
    });
    await waitFor(
      'talker Running',
      async () => (await core.readNamespacedPod({namespace, name: 'talker'})).status?.phase === 'Running',
    );
    const logs = await setPodLogs({namespace, pods: ['talker'], lines: ['one', 'two']});
    expect(await core.readNamespacedPodLog({namespace, name: 'talker'})).toBe('one\ntwo\n');
    await logs.append(['three']);
    expect(await core.readNamespacedPodLog({namespace, name: 'talker', tailLines: 1})).toBe('three\n');
  });

  it('restarts the API server mid-watch on the same port with the same data', async () => {
    const namespace = await createNamespace('restart');
    const {k8s, kc, core} = await kube();
    await core.createNamespacedConfigMap({namespace, body: {metadata: {name: 'before'}, data: {a: '1'}}});
    const seen: string[] = [];
    let ended: unknown = 'open';
    const watch = await new k8s.Watch(kc).watch(
      `/api/v1/namespaces/${namespace}/configmaps`,
      {},
      (type, obj: {metadata?: {name?: string}}) => {
        seen.push(`${type} ${obj.metadata?.name}`);
      },
      (err) => (ended = err ?? 'closed'),
    );
    await waitFor('the watch to list "before"', async () => seen.includes('ADDED before'), 10_000);
    const server = getCluster().server;
    await restartApiServer({signal: 'SIGKILL', downtimeMs: 500});
    expect(ended).not.toBe('open');
    watch.abort();
    expect(getCluster().server).toBe(server);
    expect((await core.readNamespacedConfigMap({namespace, name: 'before'})).data).toEqual({a: '1'});
    await core.createNamespacedConfigMap({namespace, body: {metadata: {name: 'after'}}});
    expect((await core.listNamespacedConfigMap({namespace})).items.map((c) => c.metadata?.name).sort()).toEqual([
      'after',
      'before',
      'kube-root-ca.crt',
    ]);
    // Custom resources are served again (client-node does not retry 429 "storage is (re)initializing").
    await kc
      .makeApiClient(k8s.CustomObjectsApi)
      .listClusterCustomObject({group: 'cert-manager.io', version: 'v1', plural: 'clusterissuers'});
    // And the control plane acts on new objects right away, restart after restart.
    for (let round = 1; round <= 2; round++) {
      await restartApiServer({signal: 'SIGKILL', downtimeMs: 2000});
      await core.createNamespacedPod({
        namespace,
        body: {metadata: {name: `after-restart-${round}`}, spec: {containers: [{name: 'c', image: 'x'}]}},
      });
      await waitFor(
        `pod after restart ${round} Running`,
        async () =>
          (await core.readNamespacedPod({namespace, name: `after-restart-${round}`})).status?.phase === 'Running',
        15_000,
      );
    }
  });
});

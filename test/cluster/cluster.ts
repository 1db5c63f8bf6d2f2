import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KubeConfig} from '@kubernetes/client-node';
import {startMinio, freePort, type MinioServer} from '../helpers/minio.js';
import {createAll, createSampleIssuer, readManifests, waitCrdsEstablished, yamlFiles} from './bootstrap.js';
import {
  apiserverSpec,
  controllerManagerSpec,
  etcdSpec,
  kwokSpec,
  schedulerSpec,
  type Layout,
  type Ports,
  type Tools,
} from './components.js';
import type {ClusterInfo} from './info.js';
import {kubeconfigYaml} from './kubeconfig.js';
import {runProbeJob, waitAllServed} from './health.js';
import {createPki} from './pki.js';
import {ManagedProcess, PortInUseError} from './processes.js';
import {httpGet, httpsGet} from './probe.js';
import {setNodeCount} from './nodes.js';

const MANIFESTS = join(dirname(fileURLToPath(import.meta.url)), 'manifests');
/** kwok's own defaults first, then ours (kwok only has the stages its config lists). */
const DEFAULT_STAGES = ['node-initialize', 'node-heartbeat-with-lease', 'pod-ready', 'pod-complete', 'pod-delete'];

export interface StartOptions {
  readonly name: string;
  readonly workdir: string;
  readonly tools: Tools;
  /** kwok nodes to start with (default 1: the single-node k3s case). */
  readonly nodes?: number;
  /** Progress lines (phase and elapsed time) for logs. */
  readonly log?: (line: string) => void;
  /**
   * Write an API audit log (Metadata level, one line per request; `npm run bench` counts requests
   * per client with it). Off by default: the tests' cluster does not pay for it.
   */
  readonly audit?: boolean;
}

/** Every request at Metadata level (who, verb, URI, user agent), logged once it has an answer or a stream. */
const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
`;

type K8s = typeof import('@kubernetes/client-node');

/**
 * A real control plane on 127.0.0.1 run as five child processes (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok) plus MinIO. Used by the daemon, which owns it.
 */
export class LocalCluster {
  private apiserver: ManagedProcess;
  /** kube-controller-manager, kube-scheduler, kwok (in that order once booted). */
  private others: ManagedProcess[] = [];
  private minio: MinioServer | undefined;
  private minioStarting: Promise<void> | undefined;

  private constructor(
    readonly layout: Layout,
    readonly ports: Ports,
    private readonly etcd: ManagedProcess,
    private readonly lib: K8s,
    readonly kc: KubeConfig,
  ) {
    this.apiserver = new ManagedProcess(apiserverSpec(layout, ports));
  }

  /** Starts everything and resolves once nodes are Ready; on failure stops what was started. */
  static async start(
    options: StartOptions,
  ): Promise<{cluster: LocalCluster; info: Omit<ClusterInfo, 'control' | 'pgid'>}> {
    const started = Date.now();
    const log = (line: string): void => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
    const {workdir, name, tools} = options;
    for (const sub of ['logs', 'etcd', 'volumes', 'podlogs'])
      await mkdir(join(workdir, sub), {recursive: true, mode: 0o700});
    const pki = await createPki(join(workdir, 'pki'));
    const layout: Layout = {
      name,
      workdir,
      tools,
      pki,
      logs: join(workdir, 'logs'),
      kubeconfig: join(workdir, 'kubeconfig'),
      kwokConfig: join(workdir, 'kwok.yaml'),
      ...(options.audit
        ? {audit: {policy: join(workdir, 'audit-policy.yaml'), log: join(workdir, 'logs', 'audit.log')}}
        : {}),
    };
    if (layout.audit) await writeFile(layout.audit.policy, AUDIT_POLICY);
    const lib = await import('@kubernetes/client-node');
    const ca = await readFile(pki.caCert, 'utf8');

    // etcd: retry with fresh ports if another process grabbed one between probe and bind.
    let ports: Ports | undefined;
    let etcd: ManagedProcess | undefined;
    for (let attempt = 1; ; attempt++) {
      ports = {
        etcdClient: await freePort(),
        etcdPeer: await freePort(),
        apiserver: await freePort(),
        kwok: await freePort(),
      };
      etcd = new ManagedProcess(etcdSpec(layout, ports));
      etcd.start();
      const client = ports.etcdClient;
      try {
        await etcd.waitUntil(
          'healthy',
          async () => JSON.parse((await httpGet(client, '/health')).body).health === 'true',
          30_000,
        );
        break;
      } catch (error) {
        await etcd.stop('SIGKILL');
        if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
      }
    }
    log(`etcd ready on ${ports.etcdClient}`);
    await writeFile(layout.kubeconfig, kubeconfigYaml({name, port: ports.apiserver, ca, token: pki.token}), {
      mode: 0o600,
    });
    const kc = new lib.KubeConfig();
    kc.loadFromFile(layout.kubeconfig);
    const cluster = new LocalCluster(layout, ports, etcd, lib, kc);
    try {
      await cluster.boot(options.nodes ?? 1, ca, log);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    const minio = cluster.minio as MinioServer;
    const info = {
      name,
      workdir,
      kubeconfig: layout.kubeconfig,
      server: `https://127.0.0.1:${ports.apiserver}`,
      helm3: tools.helm3,
      helm4: tools.helm4,
      kubectl: tools.kubectl,
      s3: {
        endpoint: minio.endpoint,
        region: minio.region,
        accessKeyId: minio.accessKeyId,
        secretAccessKey: minio.secretAccessKey,
        bucket: minio.bucket,
      },
      ports: {...ports, minio: Number(new URL(minio.endpoint).port)},
      podLogsDir: join(workdir, 'podlogs'),
      ...(layout.audit ? {auditLog: layout.audit.log} : {}),
    };
    log('cluster ready');
    return {cluster, info};
  }

  private async boot(nodes: number, ca: string, log: (line: string) => void): Promise<void> {
    const {layout, lib, kc} = this;
    await this.startApiServer(ca);
    log(`kube-apiserver ready on ${this.ports.apiserver}`);

    const kcm = new ManagedProcess(controllerManagerSpec(layout));
    const scheduler = new ManagedProcess(schedulerSpec(layout));
    this.others.push(kcm, scheduler);
    kcm.start();
    scheduler.start();
    const minio = startMinio({bucket: 'buntime-backups', binary: layout.tools.minio, parentDir: layout.workdir}).then(
      (m) => {
        this.minio = m;
        log(`minio ready on ${m.endpoint}`);
      },
    );
    this.minioStarting = minio.catch(() => undefined);

    // Nodes are created now and become Ready as soon as kwok starts (it initialises existing nodes).
    const core = kc.makeApiClient(lib.CoreV1Api);
    const nodesReady = setNodeCount(core, nodes, 90_000).then(() => log(`${nodes} node(s) Ready`));
    nodesReady.catch(() => undefined);

    const kwokCrds = await readManifests(await yamlFiles(layout.tools.kwokCrds));
    const certManager = await readManifests([join(MANIFESTS, 'cert-manager-crds.yaml')]);
    await createAll({port: this.ports.apiserver, ca, token: layout.pki.token}, [
      ...kwokCrds,
      ...certManager,
      ...(await readManifests([join(MANIFESTS, 'cluster-objects.yaml')])),
    ]);
    await waitCrdsEstablished(
      lib,
      kc,
      [...kwokCrds, ...certManager].map((crd) => crd.metadata?.name ?? ''),
    );
    log('CRDs, storage classes and CSIDriver created');

    await writeFile(layout.kwokConfig, await this.kwokConfig());
    const kwok = new ManagedProcess(kwokSpec(layout, this.ports));
    this.others.push(kwok);
    kwok.start();
    await kwok.waitUntil(
      'serving',
      async () => (await httpsGet({port: this.ports.kwok, ca}, '/healthz')).status === 200,
      30_000,
    );
    log(`kwok ready on ${this.ports.kwok}`);

    await Promise.all([
      nodesReady,
      createSampleIssuer(lib, kc).then(() => log('sample ClusterIssuer created')),
      // The `default` ServiceAccount is made by kube-controller-manager: proof its controllers run.
      kcm
        .waitUntil(
          'creating the default ServiceAccount',
          async () => {
            await core.readNamespacedServiceAccount({namespace: 'default', name: 'default'});
            return true;
          },
          60_000,
        )
        .then(() => log('kube-controller-manager running')),
      minio,
    ]);
    if (!scheduler.running) throw new Error(`kube-scheduler exited:\n${scheduler.logTail()}`);
  }

  /** kwok's default stages from the build cache, then the project's storage and extra stages. */
  private async kwokConfig(): Promise<string> {
    const parts: string[] = [];
    for (const stage of DEFAULT_STAGES)
      parts.push(await readFile(join(this.layout.tools.kwokStages, `${stage}.yaml`), 'utf8'));
    const storage = await readFile(join(MANIFESTS, 'storage-stages.yaml'), 'utf8');
    parts.push(storage.replaceAll('@VOLUME_DIR@', join(this.layout.workdir, 'volumes')));
    parts.push(await readFile(join(MANIFESTS, 'extra-stages.yaml'), 'utf8'));
    return `${parts.map((part) => part.trim()).join('\n---\n')}\n`;
  }

  private async startApiServer(ca: string): Promise<void> {
    this.apiserver.start();
    const target = {port: this.ports.apiserver, ca, token: this.layout.pki.token};
    await this.apiserver.waitUntil('ready', async () => (await httpsGet(target, '/readyz')).body === 'ok', 90_000);
  }

  /**
   * Stops the API server (SIGTERM like a rolling restart, or SIGKILL like a crash), keeps it down for
   * `downtimeMs`, then starts it again with the same port, certificates and etcd data. Watches open
   * against it are cut, as in a real restart. Resolves when the cluster works again: every kind
   * served, and a probe Job run to completion.
   *
   * kube-controller-manager, kube-scheduler and kwok are restarted too once the API server is back.
   * Their client-go reflectors back off exponentially while it is down (and the backoff only resets
   * after two quiet minutes), so after a restart or two they would stay blind for up to a minute and
   * the next test's workloads would sit Pending. Clients under test see only the API server restart.
   */
  async restartApiServer(options: {signal?: 'SIGTERM' | 'SIGKILL'; downtimeMs?: number} = {}): Promise<void> {
    await this.apiserver.stop(options.signal ?? 'SIGTERM', 10_000);
    if (options.downtimeMs) await new Promise((resolve) => setTimeout(resolve, options.downtimeMs));
    this.apiserver = new ManagedProcess(this.apiserver.spec);
    const ca = await readFile(this.layout.pki.caCert, 'utf8');
    await this.startApiServer(ca);
    await waitAllServed({port: this.ports.apiserver, ca, token: this.layout.pki.token});
    await this.restartControllers(ca);
    await runProbeJob(this.lib, this.kc);
  }

  private async restartControllers(ca: string): Promise<void> {
    await Promise.all(this.others.map((p) => p.stop('SIGTERM', 5000)));
    // kwok holds the node leases under a per-process identity; a new kwok would wait for them to
    // expire (40 s) before managing the nodes and their pods again.
    const coordination = this.kc.makeApiClient(this.lib.CoordinationV1Api);
    const leases = await coordination.listNamespacedLease({namespace: 'kube-node-lease'});
    await Promise.all(
      leases.items
        .filter((lease) => /^kwok-node-\d+$/.test(lease.metadata?.name ?? ''))
        .map((lease) =>
          coordination
            .deleteNamespacedLease({namespace: 'kube-node-lease', name: lease.metadata?.name ?? ''})
            .catch(() => undefined),
        ),
    );
    this.others = this.others.map((p) => new ManagedProcess(p.spec));
    for (const p of this.others) p.start();
    const kwok = this.others.find((p) => p.spec.name === 'kwok');
    await kwok?.waitUntil(
      'serving',
      async () => (await httpsGet({port: this.ports.kwok, ca}, '/healthz')).status === 200,
      30_000,
    );
  }

  /** Kills every component (SIGKILL: their state is discarded anyway) and MinIO. */
  async stop(): Promise<void> {
    await this.minioStarting;
    await Promise.all([
      ...this.others.map((p) => p.stop('SIGKILL')),
      this.apiserver.stop('SIGKILL'),
      this.minio?.stop(),
    ]);
    await this.etcd.stop('SIGKILL');
  }
}

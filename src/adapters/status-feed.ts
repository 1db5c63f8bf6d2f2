import type * as k8s from '@kubernetes/client-node';
import {ExternalError, UserError} from '../core/errors.js';
import {claimInfo, cronJobInfo, jobInfo} from '../core/status/convert.js';
import {diagnoseMissingCertificate} from '../core/status/diagnosis.js';
import {validateNamespaceName} from '../core/status/namespace-name.js';
import type {ClaimInfo, PodEvent} from '../core/status/diagnosis.js';
import {eventOf, podRow, type PodRow, type StatusStore} from '../core/status/store.js';
import {type BackupBucket, openBackupBucket} from './backup-bucket.js';
import type {KubeConnection} from './kube/client.js';
import {listPages, PAGE_SIZE} from './kube/list-pages.js';
import {openPortForward, type PortForwardHandle} from './kube/port-forward.js';
import {startWatch, type ResourceWatch, type WatchState} from './kube/watch.js';
import {
  COMPONENT,
  INSTANCE,
  createJobFromCronJob,
  discoverRelease,
  podLogs,
  readSecretKey,
  releaseSelector,
  type ReleaseWiring,
} from './kube/workloads.js';
import {createTursoAdminClient, type TursoAdminClient} from './turso-admin.js';

/**
 * Feeds a StatusStore from the cluster: watches for pods, their events, PVCs, Ingresses and the
 * backup CronJob/Jobs (one LIST each, then only the watch: an idle screen makes no periodic LIST);
 * the turso-server admin API through a port-forward (polled, it has no watch); the backup bucket
 * (polled). Pollers run only for sources the release has. Also carries out the screen's actions.
 * Secrets read here (admin token, S3 keys) stay in this closure and are never written to the store.
 */
export interface StatusFeedOptions {
  readonly conn: KubeConnection;
  readonly namespace: string;
  readonly release: string;
  readonly store: StatusStore;
  readonly adminPollMs?: number;
  readonly s3PollMs?: number;
  readonly adminTimeoutMs?: number;
  /** Reach the admin API here instead of port-forwarding to the turso-server pod. */
  readonly adminUrl?: string;
  /** Reach the bucket here instead of the endpoint the CronJob uses (which may be in-cluster only). */
  readonly s3Endpoint?: string;
  /**
   * One snapshot (`status --json`): every source is read once, nothing is watched or polled
   * afterwards; the kube source turns live when every LIST has landed.
   */
  readonly once?: boolean;
}

export interface StatusFeed {
  readonly wiring: () => ReleaseWiring | undefined;
  resync(): void;
  /** Creates a Job from the backup CronJob; returns its name. */
  backupNow(): Promise<string>;
  createNamespace(name: string): Promise<void>;
  setLocked(name: string, locked: boolean): Promise<void>;
  logs(pod: string): Promise<string>;
  /** Resolves after the first load of every source (success or error). */
  readonly settled: Promise<void>;
  stop(): Promise<void>;
}

function message(error: unknown): {message: string; hint?: string} {
  if (error instanceof ExternalError || error instanceof UserError)
    return {message: error.message, ...(error.hint ? {hint: error.hint} : {})};
  return {message: error instanceof Error ? error.message : String(error)};
}

export async function startStatusFeed(options: StatusFeedOptions): Promise<StatusFeed> {
  const {conn, namespace, release, store} = options;
  const watches: ResourceWatch[] = [];
  const watchStates = new Map<string, {state: WatchState; detail?: string}>();
  const timers: NodeJS.Timeout[] = [];
  let wiring: ReleaseWiring | undefined;
  let admin: TursoAdminClient | undefined;
  let forward: PortForwardHandle | undefined;
  let bucket: BackupBucket | undefined;
  let stopped = false;

  const reportKube = (): void => {
    const states = [...watchStates.values()];
    const down = states.find((item) => item.state === 'reconnecting');
    if (down)
      store.setSource('kube', {
        state: 'reconnecting',
        message: `reconnecting to the API server (${down.detail ?? 'watch dropped'})`,
      });
    else if (states.length === watches.length) store.setSource('kube', {state: 'live'});
  };
  const watch = <T extends {metadata?: {resourceVersion?: string}}, L = T>(
    key: string,
    options_: Omit<Parameters<typeof startWatch<T, L>>[0], 'conn' | 'onState'>,
  ): void => {
    watches.push(
      startWatch<T, L>({
        ...options_,
        ...(options.once ? {listOnly: true} : {}),
        conn,
        onState: (state, detail) => {
          watchStates.set(key, {state, ...(detail ? {detail} : {})});
          reportKube();
        },
      }),
    );
  };

  const base = `/api/v1/namespaces/${namespace}`;
  const backupSelector = `${INSTANCE}=${release},${COMPONENT}=turso-backup`;
  // Pods are listed in pages and reduced to rows page by page (memory stays small at thousands of
  // pods); on the first load each page is shown as it arrives, so the first frame does not wait
  // for the last page. Timestamps stay strings: no JSON reviver over thousands of pods.
  const podSelector = releaseSelector(release);
  watch<k8s.V1Pod, PodRow>('pods', {
    path: `${base}/pods`,
    labelSelector: podSelector,
    list: () => {
      const progressive = store.state.pods.size === 0;
      return listPages(
        (token) =>
          conn.core.listNamespacedPod(
            {namespace, labelSelector: podSelector, limit: PAGE_SIZE, ...(token ? {continue: token} : {})},
            {revive: false},
          ),
        (items) => items.map(podRow),
        progressive ? (rows) => store.upsertPodRows(rows) : undefined,
      );
    },
    onSync: (rows) => store.replacePodRows(rows),
    onEvent: (type, pod) => (type === 'DELETED' ? store.deletePod(pod.metadata?.name ?? '') : store.upsertPod(pod)),
  });
  // Events of the whole namespace arrive; keep those of the release's pods (all named <fullname>…).
  const ours = (event: k8s.CoreV1Event): boolean =>
    (event.involvedObject.name ?? '').startsWith(store.state.meta.fullname);
  watch<k8s.CoreV1Event, {pod: string; event: PodEvent}>('events', {
    path: `${base}/events`,
    fieldSelector: 'involvedObject.kind=Pod',
    list: () =>
      listPages(
        (token) =>
          conn.core.listNamespacedEvent(
            {
              namespace,
              fieldSelector: 'involvedObject.kind=Pod',
              limit: PAGE_SIZE,
              ...(token ? {continue: token} : {}),
            },
            {revive: false},
          ),
        (items) => items.filter(ours).map((event) => ({pod: event.involvedObject.name ?? '', event: eventOf(event)})),
      ),
    onSync: (items) =>
      store.batch(() => {
        for (const item of items) store.recordEvent(item.pod, item.event);
      }),
    onEvent: (type, event) => {
      if (type !== 'DELETED' && ours(event)) store.recordEvent(event.involvedObject.name ?? '', eventOf(event));
    },
  });
  // Claims are kept here by name and updated from the events themselves (no LIST per event).
  const claims = new Map<string, ClaimInfo>();
  watch<k8s.V1PersistentVolumeClaim>('pvcs', {
    path: `${base}/persistentvolumeclaims`,
    labelSelector: `${INSTANCE}=${release}`,
    list: () => conn.core.listNamespacedPersistentVolumeClaim({namespace, labelSelector: `${INSTANCE}=${release}`}),
    onSync: (items) => {
      claims.clear();
      for (const item of items) claims.set(item.metadata?.name ?? '', claimInfo(item));
      store.setClaims([...claims.values()]);
    },
    onEvent: (type, claim) => {
      const name = claim.metadata?.name ?? '';
      if (type === 'DELETED') claims.delete(name);
      else claims.set(name, claimInfo(claim));
      store.setClaims([...claims.values()]);
    },
  });
  watch<k8s.V1Job>('jobs', {
    path: `/apis/batch/v1/namespaces/${namespace}/jobs`,
    labelSelector: backupSelector,
    list: () => conn.batch.listNamespacedJob({namespace, labelSelector: backupSelector}),
    onSync: (items) => store.replaceJobs(items.map(jobInfo)),
    onEvent: (type, job) =>
      type === 'DELETED' ? store.deleteJob(job.metadata?.name ?? '') : store.upsertJob(jobInfo(job)),
  });
  watch<k8s.V1CronJob>('cronjobs', {
    path: `/apis/batch/v1/namespaces/${namespace}/cronjobs`,
    labelSelector: backupSelector,
    list: () => conn.batch.listNamespacedCronJob({namespace, labelSelector: backupSelector}),
    onSync: (items) => store.setCronJob(items[0] ? cronJobInfo(items[0]) : undefined),
    onEvent: (type, cron) => store.setCronJob(type === 'DELETED' ? undefined : cronJobInfo(cron)),
  });

  // TLS Secrets the release's Ingresses name, from a watch on those Ingresses. They are checked
  // when the Ingresses change; only while one is missing (cert-manager still issuing it) is it
  // looked up again, once a minute, with a GET of that Secret.
  const ingressSecrets = new Map<string, readonly string[]>();
  let recheck: NodeJS.Timeout | undefined;
  let checking = Promise.resolve();
  const tlsSecrets = (ingress: k8s.V1Ingress): string[] =>
    (ingress.spec?.tls ?? []).flatMap((tls) => (tls.secretName ? [tls.secretName] : []));
  function checkCertificates(): Promise<void> {
    checking = checking.then(async () => {
      clearTimeout(recheck);
      const problems = [];
      for (const name of new Set([...ingressSecrets.values()].flat())) {
        const exists = await conn.core.readNamespacedSecret({namespace, name}).then(
          () => true,
          (error: {code?: number}) => error.code !== 404,
        );
        if (!exists) problems.push(diagnoseMissingCertificate(namespace, name));
      }
      if (stopped) return;
      store.setProblems(problems);
      if (problems.length > 0) recheck = setTimeout(() => void checkCertificates(), 60_000);
    });
    return checking.catch(() => undefined);
  }
  watch<k8s.V1Ingress>('ingresses', {
    path: `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses`,
    labelSelector: `${INSTANCE}=${release}`,
    list: () => conn.networking.listNamespacedIngress({namespace, labelSelector: `${INSTANCE}=${release}`}),
    onSync: (items) => {
      ingressSecrets.clear();
      for (const item of items) ingressSecrets.set(item.metadata?.name ?? '', tlsSecrets(item));
      void checkCertificates();
    },
    onEvent: (type, ingress) => {
      const name = ingress.metadata?.name ?? '';
      if (type === 'DELETED') ingressSecrets.delete(name);
      else ingressSecrets.set(name, tlsSecrets(ingress));
      void checkCertificates();
    },
  });

  async function pollAdmin(): Promise<void> {
    if (!admin || stopped) return;
    try {
      store.setNamespaces(await admin.list());
      store.setSource('admin', {state: 'live'});
    } catch (error) {
      const {message: text, hint} = message(error);
      store.setSource('admin', {state: 'error', message: text, ...(hint ? {hint} : {})});
    }
  }

  async function pollS3(): Promise<void> {
    if (!bucket || stopped) return;
    try {
      const [objects, run] = await Promise.all([bucket.objects(), bucket.lastRun()]);
      store.batch(() => {
        store.setObjects(objects);
        store.setBackupRun(run);
      });
      store.setSource('s3', {state: 'live'});
    } catch (error) {
      const {message: text, hint} = message(error);
      store.setSource('s3', {state: 'error', message: text, ...(hint ? {hint} : {})});
    }
  }

  async function connectSources(): Promise<void> {
    wiring = await discoverRelease(conn, namespace, release);
    store.setMeta({fullname: wiring.fullname});
    store.setTursoEnabled(Boolean(wiring.turso));
    if (wiring.turso) {
      const turso = wiring.turso;
      store.setSource('admin', {state: 'connecting'});
      const token = turso.token ? await readSecretKey(conn, namespace, turso.token) : undefined;
      let baseUrl = options.adminUrl;
      if (!baseUrl) {
        await forward?.close();
        const opened = await openPortForward({conn, namespace, pod: turso.pod, port: turso.adminPort});
        // stop() may have run while the forward was opening: it could not close this one.
        if (stopped) {
          await opened.close();
          return;
        }
        forward = opened;
        baseUrl = forward.url;
      }
      const handle = forward;
      admin = createTursoAdminClient({
        baseUrl,
        ...(token ? {token} : {}),
        timeoutMs: options.adminTimeoutMs ?? 5000,
        target: `pod ${namespace}/${turso.pod} port ${turso.adminPort}`,
        ...(turso.token ? {tokenSource: `Secret ${namespace}/${turso.token.name}, key ${turso.token.key}`} : {}),
        connectionDetail: () => handle?.lastError(),
      });
    }
    if (wiring.backup) {
      const backup = wiring.backup;
      store.setBackupSettings({
        bucket: backup.bucket,
        endpoint: backup.endpoint,
        retentionCount: backup.retentionCount,
      });
      store.setSource('s3', {state: 'connecting'});
      // The same path as `backups list`: keys from the CronJob's Secret, and a port-forward when
      // its endpoint is an in-cluster Service name.
      try {
        await bucket?.close();
        bucket = undefined;
        const opened = await openBackupBucket(conn, namespace, backup, {
          ...(options.s3Endpoint ? {s3Endpoint: options.s3Endpoint} : {}),
          timeoutMs: 10_000,
        });
        if (stopped) {
          await opened.close();
          return;
        }
        bucket = opened;
      } catch (error) {
        const {message: text, hint} = message(error);
        store.setSource('s3', {state: 'error', message: text, ...(hint ? {hint} : {})});
      }
    }
  }

  const settled = (async () => {
    try {
      await connectSources();
    } catch (error) {
      const {message: text, hint} = message(error);
      store.setSource('admin', {state: 'error', message: text, ...(hint ? {hint} : {})});
    }
    await Promise.all([pollAdmin(), pollS3()]);
  })();
  /** The admin API and the bucket have no watch: they are polled, but only when the release has them. */
  let polling = {admin: false, s3: false};
  const startPolling = (): void => {
    if (stopped || options.once) return;
    if (admin && !polling.admin) {
      polling = {...polling, admin: true};
      timers.push(setInterval(() => void pollAdmin(), options.adminPollMs ?? 5000));
    }
    if (bucket && !polling.s3) {
      polling = {...polling, s3: true};
      timers.push(setInterval(() => void pollS3(), options.s3PollMs ?? 30_000));
    }
  };
  void settled.then(startPolling);

  const needAdmin = (): TursoAdminClient => {
    if (!admin)
      throw new UserError('turso-server is not deployed in this release (tursoServer.enabled is false).', {
        exitCode: 1,
      });
    return admin;
  };

  return {
    wiring: () => wiring,
    settled,
    resync() {
      for (const item of watches) item.resync();
      // turso-server or backups may have been enabled since we looked (e.g. right after an upgrade).
      const rediscover = !wiring?.turso || !wiring.backup ? connectSources().catch(() => undefined) : Promise.resolve();
      void rediscover.then(() => {
        startPolling();
        return Promise.all([pollAdmin(), pollS3(), checkCertificates()]);
      });
    },
    async backupNow() {
      if (!wiring?.backup)
        throw new UserError('Backups are not enabled in this release (tursoServer.backup.enabled is false).', {
          exitCode: 1,
        });
      return createJobFromCronJob(conn, namespace, wiring.backup.cronJob);
    },
    async createNamespace(name) {
      const invalid = validateNamespaceName(name);
      if (invalid)
        throw new UserError(`Invalid namespace name: ${invalid}.`, {hint: 'Use ^[a-z0-9][a-z0-9_-]{0,62}$.'});
      await needAdmin().create(name);
      await pollAdmin();
    },
    async setLocked(name, locked) {
      await needAdmin().setLocked(name, locked);
      await pollAdmin();
    },
    logs: (pod) => podLogs(conn, namespace, pod, {tailLines: 200}),
    async stop() {
      stopped = true;
      for (const item of watches) item.stop();
      for (const timer of timers) clearInterval(timer);
      clearTimeout(recheck);
      await forward?.close();
      await bucket?.close();
    },
  };
}

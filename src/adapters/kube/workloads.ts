import {randomBytes} from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import {ExternalError} from '../../core/errors.js';
import {chartFullname} from '../../core/upgrade/names.js';
import type {KubeConnection} from './client.js';

/**
 * Reads and the two writes the live screen needs from Kubernetes: pod events and logs, one Secret
 * key (the value is returned to the caller and never logged or put in an error), the backup
 * CronJob, and `kubectl create job --from=cronjob/…`.
 */
type Conn = Pick<KubeConnection, 'core' | 'apps' | 'batch'>;

export const INSTANCE = 'app.kubernetes.io/instance';
export const COMPONENT = 'app.kubernetes.io/component';

/** Release selector for every pod/Job/PVC of the release (all components). */
export function releaseSelector(release: string): string {
  return `${INSTANCE}=${release},app.kubernetes.io/name=buntime`;
}

export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

/** What the screen needs to reach turso-server and the bucket, discovered from the live objects. */
export interface ReleaseWiring {
  readonly fullname: string;
  readonly turso?: {
    readonly statefulSet: string;
    readonly pod: string;
    readonly adminPort: number;
    readonly token?: SecretRef;
    /** The data port (the runtime's and the sync clients' way in) and its token's Secret. */
    readonly dataPort: number;
    readonly dataToken?: SecretRef;
    /** The turso-server image (it holds tursodb, for reading a snapshot offline). */
    readonly image?: string;
  };
  readonly backup?: {
    readonly cronJob: string;
    readonly endpoint: string;
    readonly bucket: string;
    readonly region: string;
    readonly pathStyle: boolean;
    readonly retentionCount: number;
    readonly accessKey?: SecretRef;
    readonly secretKey?: SecretRef;
  };
}

type EnvVar = k8s.V1EnvVar;
const envValue = (env: readonly EnvVar[], name: string): string | undefined =>
  env.find((item) => item.name === name)?.value;
const envSecret = (env: readonly EnvVar[], name: string): SecretRef | undefined => {
  const ref = env.find((item) => item.name === name)?.valueFrom?.secretKeyRef;
  return ref?.name && ref.key ? {name: ref.name, key: ref.key} : undefined;
};

/**
 * Finds the turso-server StatefulSet and the backup CronJob of the release by their component
 * labels and reads their ports, env and Secret references, so a fullnameOverride or an
 * existingSecret is followed without asking helm.
 */
export async function discoverRelease(conn: Conn, namespace: string, release: string): Promise<ReleaseWiring> {
  const [sets, crons] = await Promise.all([
    conn.apps.listNamespacedStatefulSet({namespace, labelSelector: `${INSTANCE}=${release},${COMPONENT}=turso-server`}),
    conn.batch.listNamespacedCronJob({namespace, labelSelector: `${INSTANCE}=${release},${COMPONENT}=turso-backup`}),
  ]);
  const set = sets.items[0];
  const cron = crons.items[0];
  const fullname = set?.metadata?.name?.replace(/-turso$/, '') ?? chartFullname(release, {});
  let turso: ReleaseWiring['turso'];
  if (set?.metadata?.name) {
    const container =
      set.spec?.template.spec?.containers.find((item) => item.name === 'turso-server') ??
      set.spec?.template.spec?.containers[0];
    const adminPort = container?.ports?.find((port) => port.name === 'admin')?.containerPort ?? 8081;
    const dataPort = container?.ports?.find((port) => port.name === 'data')?.containerPort ?? 8080;
    const token = envSecret(container?.env ?? [], 'TURSO_ADMIN_TOKEN');
    const dataToken = envSecret(container?.env ?? [], 'TURSO_AUTH_TOKEN');
    turso = {
      statefulSet: set.metadata.name,
      pod: `${set.metadata.name}-0`,
      adminPort,
      dataPort,
      ...(container?.image ? {image: container.image} : {}),
      ...(token ? {token} : {}),
      ...(dataToken ? {dataToken} : {}),
    };
  }
  let backup: ReleaseWiring['backup'];
  if (cron?.metadata?.name) {
    const env = cron.spec?.jobTemplate.spec?.template.spec?.containers[0]?.env ?? [];
    const accessKey = envSecret(env, 'S3_ACCESS_KEY');
    const secretKey = envSecret(env, 'S3_SECRET_KEY');
    const retention = Number(envValue(env, 'RETENTION_COUNT') ?? '14');
    backup = {
      cronJob: cron.metadata.name,
      endpoint: envValue(env, 'S3_ENDPOINT') ?? '',
      bucket: envValue(env, 'S3_BUCKET') ?? '',
      region: envValue(env, 'S3_REGION') ?? envValue(env, 'AWS_REGION') ?? 'us-east-1',
      pathStyle: (envValue(env, 'S3_PATH_STYLE') ?? 'true') !== 'false',
      retentionCount: Number.isFinite(retention) ? retention : 14,
      ...(accessKey ? {accessKey} : {}),
      ...(secretKey ? {secretKey} : {}),
    };
    if (!turso) {
      // Backups without turso-server make no sense, but the token reference is still useful.
      const token = envSecret(env, 'ADMIN_TOKEN');
      if (token)
        turso = {statefulSet: `${fullname}-turso`, pod: `${fullname}-turso-0`, adminPort: 8081, dataPort: 8080, token};
    }
  }
  return {fullname, ...(turso ? {turso} : {}), ...(backup ? {backup} : {})};
}

/**
 * One key of a Secret, decoded; undefined when the Secret or the key does not exist. The value
 * is a credential: callers keep it in memory only.
 */
export async function readSecretKey(conn: Conn, namespace: string, ref: SecretRef): Promise<string | undefined> {
  try {
    const secret = await conn.core.readNamespacedSecret({namespace, name: ref.name});
    const encoded = secret.data?.[ref.key];
    return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
  } catch (error) {
    if ((error as {code?: number}).code === 404) return undefined;
    // Never pass the response body on: for a Secret it could hold data.
    throw new ExternalError(`Cannot read Secret ${namespace}/${ref.name}.`, {
      command: `kubectl -n ${namespace} get secret ${ref.name}`,
      hint: 'Your kube user needs get on secrets in this namespace.',
    });
  }
}

/** The last lines of a pod's log (the first container unless one is named). */
export async function podLogs(
  conn: Conn,
  namespace: string,
  pod: string,
  options: {tailLines?: number; container?: string; previous?: boolean} = {},
): Promise<string> {
  try {
    return await conn.core.readNamespacedPodLog({
      namespace,
      name: pod,
      tailLines: options.tailLines ?? 100,
      ...(options.container ? {container: options.container} : {}),
      ...(options.previous ? {previous: true} : {}),
    });
  } catch (error) {
    const body = (error as {body?: unknown}).body;
    const message = typeof body === 'string' ? (JSON.parse(body) as {message?: string}).message : undefined;
    throw new ExternalError(`Cannot read the logs of ${pod}${message ? `: ${message}` : ''}.`, {
      command: `kubectl -n ${namespace} logs ${pod}`,
    });
  }
}

/**
 * `kubectl create job --from=cronjob/NAME`: a Job with the CronJob's job template, the
 * `cronjob.kubernetes.io/instantiate: manual` annotation and the CronJob as owner, so history
 * limits and `kubectl get jobs` treat it as the CronJob's. Returns the Job's name.
 */
export async function createJobFromCronJob(conn: Conn, namespace: string, cronJob: string): Promise<string> {
  const cron = await conn.batch.readNamespacedCronJob({namespace, name: cronJob});
  const template = cron.spec?.jobTemplate;
  if (!template?.spec)
    throw new ExternalError(`CronJob ${cronJob} has no job template.`, {
      command: `kubectl -n ${namespace} get cronjob ${cronJob}`,
    });
  const suffix = randomBytes(3).toString('hex').slice(0, 5);
  const name = `${cronJob.slice(0, 63 - 'manual-xxxxx'.length - 1)}-manual-${suffix}`;
  const job: k8s.V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace,
      labels: {...(template.metadata?.labels ?? {})},
      annotations: {...(template.metadata?.annotations ?? {}), 'cronjob.kubernetes.io/instantiate': 'manual'},
      ownerReferences: [
        {apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob, uid: cron.metadata?.uid ?? '', controller: true},
      ],
    },
    spec: template.spec,
  };
  await conn.batch.createNamespacedJob({namespace, body: job});
  return name;
}

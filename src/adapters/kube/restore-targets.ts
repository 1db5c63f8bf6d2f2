import {dirname} from 'node:path/posix';
import type * as k8s from '@kubernetes/client-node';
import type {EnvVar, RestoreTargets, RuntimeClaim} from '../../core/backups/restore-plan.js';
import {ExternalError, UserError} from '../../core/errors.js';
import {apiReason} from './api-options.js';
import type {KubeConnection} from './client.js';
import {claimExists} from './jobs.js';
import {COMPONENT, INSTANCE, type ReleaseWiring} from './workloads.js';

/**
 * What a restore touches, read from the release's live objects (so a fullnameOverride, an
 * existingSecret, custom images or a per-pod turso claim are followed without asking helm):
 * turso-server's StatefulSet and claim, the backup CronJob (images, S3 env, script ConfigMap) and
 * the runtime StatefulSet with its per-pod claims and sync settings.
 */
type Conn = Pick<KubeConnection, 'apps' | 'batch' | 'core'>;

function plainEnv(env: readonly k8s.V1EnvVar[]): EnvVar[] {
  return env.flatMap((item): EnvVar[] => {
    const ref = item.valueFrom?.secretKeyRef;
    if (ref?.name && ref.key)
      return [
        {
          name: item.name,
          valueFrom: {
            secretKeyRef: {
              name: ref.name,
              key: ref.key,
              ...(ref.optional !== undefined ? {optional: ref.optional} : {}),
            },
          },
        },
      ];
    return item.value !== undefined ? [{name: item.name, value: item.value}] : [];
  });
}

/** The backup image's default (values tursoServer.backup.image), when there is no CronJob to read it from. */
const DEFAULT_BACKUP_IMAGE = 'ghcr.io/djalmajr/turso-backup:0.1.0';

export async function discoverRestoreTargets(
  conn: Conn,
  namespace: string,
  release: string,
  wiring: ReleaseWiring,
  options: {requireBackup?: boolean} = {},
): Promise<RestoreTargets> {
  if (!wiring.turso)
    throw new UserError(
      `Release ${release} in namespace ${namespace} has no turso-server (tursoServer.enabled is false).`,
      {
        hint: 'There is nothing to restore: the runtime keeps its databases locally.',
      },
    );
  if (!wiring.backup && options.requireBackup !== false)
    throw new UserError(`Release ${release} has no backup CronJob (tursoServer.backup.enabled is false).`, {
      hint: 'A restore needs the bucket the backups go to; enable backups, or restore a file with restore --offline.',
    });
  const read = async <T>(what: string, command: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new ExternalError(`Cannot read ${what}: ${apiReason(error)}.`, {command});
    }
  };
  const tursoSet = await read(
    `StatefulSet ${wiring.turso.statefulSet}`,
    `kubectl -n ${namespace} get statefulset ${wiring.turso.statefulSet}`,
    () => conn.apps.readNamespacedStatefulSet({namespace, name: wiring.turso?.statefulSet as string}),
  );
  const cronJob = wiring.backup?.cronJob;
  const cron = cronJob
    ? await read(`CronJob ${cronJob}`, `kubectl -n ${namespace} get cronjob ${cronJob}`, () =>
        conn.batch.readNamespacedCronJob({namespace, name: cronJob}),
      )
    : undefined;
  const tursoPod = tursoSet.spec?.template.spec;
  const tursoContainer = tursoPod?.containers.find((item) => item.name === 'turso-server') ?? tursoPod?.containers[0];
  const template = tursoSet.spec?.volumeClaimTemplates?.find((item) => item.metadata?.name === 'data');
  const claim = `data-${wiring.turso.statefulSet}-0`;
  const backupPod = cron?.spec?.jobTemplate.spec?.template.spec;
  const backupContainer = backupPod?.containers[0];
  // Without backups the chart ships no ConfigMap with the script: a by-hand restore creates one.
  const configMap = cron
    ? (backupPod?.volumes?.find((volume) => volume.name === 'script')?.configMap?.name ??
      `${wiring.fullname}-turso-backup`)
    : `${wiring.fullname}-turso-restore`;

  const runtimeSets = await conn.apps.listNamespacedStatefulSet({
    namespace,
    labelSelector: `${INSTANCE}=${release},${COMPONENT}=runtime`,
  });
  const runtimeSet = runtimeSets.items[0];
  let runtime: RestoreTargets['runtime'];
  if (runtimeSet?.metadata?.name) {
    const name = runtimeSet.metadata.name;
    const claimsList = await conn.core.listNamespacedPersistentVolumeClaim({namespace});
    const pattern = new RegExp(`^(state|turso)-${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
    const claims: RuntimeClaim[] = claimsList.items.flatMap((item) => {
      const match = pattern.exec(item.metadata?.name ?? '');
      return match
        ? [
            {
              name: item.metadata?.name as string,
              ordinal: Number(match[2]),
              template: match[1] as RuntimeClaim['template'],
            },
          ]
        : [];
    });
    const container = runtimeSet.spec?.template.spec?.containers[0];
    const configMapName =
      container?.envFrom?.find((item) => item.configMapRef?.name)?.configMapRef?.name ?? wiring.fullname;
    let data: Record<string, string> = {};
    try {
      data = (await conn.core.readNamespacedConfigMap({namespace, name: configMapName})).data ?? {};
    } catch {
      // Without the ConfigMap, assume the chart's defaults below.
    }
    runtime = {
      statefulSet: name,
      replicas: runtimeSet.spec?.replicas ?? 1,
      claims: claims.sort((a, b) => a.ordinal - b.ordinal || a.template.localeCompare(b.template)),
      tursoDir: dirname(data['TURSO_LOCAL_PATH'] ?? '/data/turso/runtime.db'),
      authDbSync: data['RUNTIME_AUTH_DB_MODE'] === 'sync',
    };
  }

  return {
    release,
    namespace,
    fullname: wiring.fullname,
    turso: {
      statefulSet: wiring.turso.statefulSet,
      replicas: tursoSet.spec?.replicas ?? 1,
      readyReplicas: tursoSet.status?.readyReplicas ?? 0,
      image: tursoContainer?.image ?? 'ghcr.io/djalmajr/turso-server:0.1.0',
      imagePullSecrets: (tursoPod?.imagePullSecrets ?? []).flatMap((item) => (item.name ? [item.name] : [])),
      claim,
      claimExists: await claimExists(conn, namespace, claim),
      claimSpec: {
        size: String(template?.spec?.resources?.requests?.['storage'] ?? '5Gi'),
        ...(template?.spec?.storageClassName ? {storageClassName: template.spec.storageClassName} : {}),
        accessModes: template?.spec?.accessModes ?? ['ReadWriteOnce'],
      },
      dataPort: wiring.turso.dataPort,
      ...(wiring.turso.dataToken ? {dataToken: wiring.turso.dataToken} : {}),
    },
    backup: {
      cronJob: cronJob ?? '',
      configMap,
      image: backupContainer?.image ?? DEFAULT_BACKUP_IMAGE,
      s3Env: plainEnv((backupContainer?.env ?? []).filter((item) => item.name.startsWith('S3_'))),
      ...(cron ? {} : {scriptFromChart: true}),
    },
    ...(runtime ? {runtime} : {}),
  };
}

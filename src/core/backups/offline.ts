import {stringify} from 'yaml';
import {replicaFiles, type RestoreTargets, TURSO_UID} from './restore-plan.js';

/**
 * `restore --offline NS FILE`: the same restore done by hand with kubectl, from a snapshot file on
 * this machine (e.g. one `backups download` fetched and checked). A helper pod mounts turso-server's
 * claim with both images side by side: `tools` (the backup image: tar for kubectl cp, jq) stages the
 * file, `turso` (the turso-server image: tursodb) replays it with the chart's restore script.
 */
export interface OfflineStep {
  readonly title: string;
  readonly commands: readonly string[];
}

export function offlineRestoreSteps(
  targets: RestoreTargets,
  namespace: string,
  file: string,
  /** The chart's files/turso-restore.sh on this machine, for releases without backups. */
  script: string,
): OfflineStep[] {
  const ns = targets.namespace;
  const k = `kubectl -n ${ns}`;
  const pod = `${targets.fullname.slice(0, 40)}-restore-by-hand`;
  const tursoSet = targets.turso.statefulSet;
  const runtime = targets.runtime;
  // A new list per container: one shared object would come out as a YAML anchor.
  const mounts = () => [
    {name: 'script', mountPath: '/scripts', readOnly: true},
    {name: 'data', mountPath: '/var/lib/turso'},
    {name: 'stage', mountPath: '/restore'},
  ];
  const helper = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod,
      labels: {'app.kubernetes.io/instance': targets.release, 'app.kubernetes.io/component': 'turso-restore'},
    },
    spec: {
      restartPolicy: 'Never',
      ...(targets.turso.imagePullSecrets.length
        ? {imagePullSecrets: targets.turso.imagePullSecrets.map((name) => ({name}))}
        : {}),
      containers: [
        {name: 'tools', image: targets.backup.image, command: ['sleep', '86400'], volumeMounts: mounts()},
        {
          name: 'turso',
          image: targets.turso.image,
          command: ['sleep', '86400'],
          securityContext: {runAsUser: 0, runAsGroup: 0},
          volumeMounts: mounts(),
        },
      ],
      volumes: [
        {name: 'script', configMap: {name: targets.backup.configMap}},
        {name: 'data', persistentVolumeClaim: {claimName: targets.turso.claim}},
        {name: 'stage', emptyDir: {}},
      ],
    },
  };
  const steps: OfflineStep[] = [
    {
      title: 'Stop every pod that uses the namespaces (note the runtime replica count to restore later)',
      commands: [
        ...(runtime ? [`${k} get statefulset ${runtime.statefulSet} -o jsonpath='{.spec.replicas}'`] : []),
        ...(runtime ? [`${k} scale statefulset ${runtime.statefulSet} --replicas=0`] : []),
        `${k} scale statefulset ${tursoSet} --replicas=0`,
        `${k} wait --for=delete pod/${tursoSet}-0 --timeout=5m`,
      ],
    },
  ];
  if (targets.backup.scriptFromChart) {
    steps.push({
      title: 'This release has no backup ConfigMap: put the restore script in one',
      commands: [`${k} create configmap ${targets.backup.configMap} --from-file=restore.sh=${shellWord(script)}`],
    });
  }
  if (!targets.turso.claimExists) {
    steps.push({
      title: `turso-server's volume is gone: create PVC ${targets.turso.claim} again`,
      commands: [
        `${k} apply -f - <<'EOF'\n${stringify({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {name: targets.turso.claim},
          spec: {
            accessModes: targets.turso.claimSpec.accessModes,
            resources: {requests: {storage: targets.turso.claimSpec.size}},
            ...(targets.turso.claimSpec.storageClassName
              ? {storageClassName: targets.turso.claimSpec.storageClassName}
              : {}),
          },
        }).trimEnd()}\nEOF`,
      ],
    });
  }
  steps.push(
    {
      title: 'Start a helper pod on the volume (backup image + turso-server image)',
      commands: [
        `${k} apply -f - <<'EOF'\n${stringify(helper).trimEnd()}\nEOF`,
        `${k} wait --for=condition=Ready pod/${pod} --timeout=5m`,
      ],
    },
    {
      title: `Copy the snapshot in and stage it as namespace ${namespace}`,
      commands: [
        `${k} exec ${pod} -c tools -- mkdir -p /restore/snapshots`,
        `${k} cp ${shellWord(file)} ${pod}:/restore/snapshots/${namespace}.db -c tools`,
        `${k} exec ${pod} -c tools -- sh /scripts/restore.sh stage ${namespace}`,
      ],
    },
    {
      title: `Replay it into an empty database and move it in (owner ${TURSO_UID}:${TURSO_UID}; the old files go to archive/)`,
      commands: [`${k} exec ${pod} -c turso -- bash /scripts/restore.sh apply`, `${k} delete pod ${pod}`],
    },
  );
  if (runtime) {
    const reset = [...new Set(runtime.claims.map((claim) => claim.ordinal))].flatMap((ordinal) => {
      const claims = runtime.claims.filter((claim) => claim.ordinal === ordinal);
      const files = replicaFiles(runtime, claims, [namespace]);
      if (files.length === 0) return [];
      const overrides = {
        spec: {
          containers: [
            {
              name: 'reset',
              image: targets.backup.image,
              command: ['/bin/sh', '-c', `rm -fv ${files.join(' ')}`],
              volumeMounts: claims.map((claim) => ({name: claim.template, mountPath: `/data/${claim.template}`})),
            },
          ],
          volumes: claims.map((claim) => ({name: claim.template, persistentVolumeClaim: {claimName: claim.name}})),
        },
      };
      return [
        `${k} run replica-reset-${ordinal} --rm -i --restart=Never --image=${targets.backup.image} --overrides='${JSON.stringify(overrides)}'`,
      ];
    });
    if (reset.length > 0)
      steps.push({title: "Reset the runtime pods' replicas of the namespace (they bootstrap afresh)", commands: reset});
  }
  const port = targets.turso.dataPort;
  const token = targets.turso.dataToken;
  steps.push({
    title: 'Start turso-server again and check the namespace answers with its tables',
    commands: [
      `${k} scale statefulset ${tursoSet} --replicas=1`,
      `${k} rollout status statefulset ${tursoSet} --timeout=5m`,
      `${k} port-forward pod/${tursoSet}-0 18080:${port} >/dev/null & sleep 2`,
      ...(token
        ? [
            `TOKEN=$(${k} get secret ${token.name} -o jsonpath='{.data.${token.key}}' | base64 -d)`,
            `printf 'Authorization: Bearer %s\\n' "$TOKEN" | curl -sS -H @- -d '${PIPELINE}' http://127.0.0.1:18080/${namespace}/v2/pipeline`,
          ]
        : [`curl -sS -d '${PIPELINE}' http://127.0.0.1:18080/${namespace}/v2/pipeline`]),
      'kill %1',
    ],
  });
  if (runtime) {
    steps.push({
      title: 'Start the runtime again (the count noted in the first step)',
      commands: [
        `${k} scale statefulset ${runtime.statefulSet} --replicas=<N>`,
        `${k} rollout status statefulset ${runtime.statefulSet} --timeout=10m`,
      ],
    });
  }
  return steps;
}

/** Hrana: the namespace's tables, through the data port as the runtime reaches it. */
const PIPELINE = JSON.stringify({requests: [{type: 'execute', stmt: {sql: 'SELECT name FROM sqlite_schema'}}]});

/** A path as one shell word (single-quoted when it needs to be). */
function shellWord(text: string): string {
  return /^[\w./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

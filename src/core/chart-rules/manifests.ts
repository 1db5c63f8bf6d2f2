import {ADMIN_ONLY_ENV, MANDATORY_VOLUMES, TURSO_SERVER_DATA_PATH, mandatoryEnv, secretEnvNames} from './catalogue.js';
import type {Finding} from '../findings.js';
import {RULE_IDS, type VolumeSpec} from './types.js';

/** One rendered Kubernetes object and the template it came from (helm's `# Source:` line). */
export interface ManifestDoc {
  readonly source?: string;
  readonly object: Readonly<Record<string, unknown>>;
}

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}
function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(obj) : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function nameOf(doc: ManifestDoc): string {
  return `${str(doc.object['kind']) ?? '?'}/${str(obj(doc.object['metadata'])['name']) ?? '?'}`;
}

const WORKLOADS = new Set(['StatefulSet', 'Deployment', 'DaemonSet']);

function component(doc: ManifestDoc): string | undefined {
  const template = obj(obj(doc.object['spec'])['template']);
  return str(obj(obj(template['metadata'])['labels'])['app.kubernetes.io/component']);
}

function podSpec(doc: ManifestDoc): Obj {
  return obj(obj(obj(doc.object['spec'])['template'])['spec']);
}

/** The runtime workloads: labelled component=runtime, or (other charts) any workload mounting /data/apps. */
function runtimeWorkloads(docs: readonly ManifestDoc[]): ManifestDoc[] {
  const workloads = docs.filter((doc) => WORKLOADS.has(str(doc.object['kind']) ?? ''));
  const labelled = workloads.filter((doc) => component(doc) === 'runtime');
  if (labelled.length > 0) return labelled;
  return workloads.filter((doc) =>
    list(podSpec(doc)['containers']).some((c) => list(c['volumeMounts']).some((m) => m['mountPath'] === '/data/apps')),
  );
}

function mainContainer(doc: ManifestDoc): Obj {
  const containers = list(podSpec(doc)['containers']);
  return containers.find((c) => c['name'] === 'buntime') ?? containers[0] ?? {};
}

function finding(
  doc: ManifestDoc,
  id: Finding['id'],
  message: string,
  hint: string,
  severity: Finding['severity'] = 'error',
): Finding {
  return {id, severity, ...(doc.source ? {file: doc.source} : {}), path: nameOf(doc), message, hint};
}

function checkVolume(doc: ManifestDoc, volume: VolumeSpec, docs: readonly ManifestDoc[], out: Finding[]): void {
  const mount = list(mainContainer(doc)['volumeMounts']).find((m) => m['mountPath'] === volume.mountPath);
  if (!mount) {
    out.push(
      finding(
        doc,
        RULE_IDS.volumes,
        `${volume.mountPath} is not mounted in the runtime container.`,
        `Mount volume ${volume.name} at ${volume.mountPath}; it must be there in every configuration.`,
      ),
    );
    return;
  }
  const name = str(mount['name']);
  const podVolume = list(podSpec(doc)['volumes']).find((v) => v['name'] === name);
  const claimTemplate = list(obj(doc.object['spec'])['volumeClaimTemplates']).find(
    (t) => obj(t['metadata'])['name'] === name,
  );
  if (!podVolume && !claimTemplate) {
    out.push(
      finding(
        doc,
        RULE_IDS.volumes,
        `${volume.mountPath} mounts volume "${name}", which is neither a pod volume nor a volumeClaimTemplate.`,
        'Define the volume the mount refers to.',
      ),
    );
    return;
  }
  if (volume.source === 'shared') {
    const claim = str(obj(podVolume?.['persistentVolumeClaim'])['claimName']);
    if (!claim) {
      out.push(
        finding(
          doc,
          RULE_IDS.volumes,
          `${volume.mountPath} must come from a shared PersistentVolumeClaim (every pod sees the same files).`,
          `Use persistentVolumeClaim.claimName: <fullname>-${volume.name}.`,
        ),
      );
      return;
    }
    const pvcs = docs.filter((d) => d.object['kind'] === 'PersistentVolumeClaim');
    const pvc = pvcs.find((d) => obj(d.object['metadata'])['name'] === claim);
    if (pvcs.length > 0 && !pvc) {
      out.push(
        finding(
          doc,
          RULE_IDS.volumes,
          `${volume.mountPath} uses PVC ${claim}, which the chart does not create.`,
          'Render the PVC in every configuration (templates/pvc.yaml).',
        ),
      );
    } else if (pvc && obj(obj(pvc.object['metadata'])['annotations'])['helm.sh/resource-policy'] !== 'keep') {
      out.push(
        finding(
          pvc,
          RULE_IDS.volumes,
          `PVC ${claim} lacks helm.sh/resource-policy: keep, so an uninstall or a template change deletes its data.`,
          'Annotate it with helm.sh/resource-policy: keep.',
          'warning',
        ),
      );
    }
    return;
  }
  const perPod = Boolean(claimTemplate) && doc.object['kind'] === 'StatefulSet';
  const emptyDir = podVolume !== undefined && podVolume['emptyDir'] !== undefined;
  if (volume.source === 'perPod' && !perPod) {
    out.push(
      finding(
        doc,
        RULE_IDS.volumes,
        `${volume.mountPath} must be a per-pod volume (volumeClaimTemplate "${volume.name}"): each pod owns its own files.`,
        'Use a StatefulSet volumeClaimTemplate; never share it between pods.',
      ),
    );
  }
  if (volume.source === 'perPodOrEmptyDir' && !perPod && !emptyDir) {
    out.push(
      finding(
        doc,
        RULE_IDS.volumes,
        `${volume.mountPath} must be per pod (volumeClaimTemplate) or pod-local (emptyDir), never one file shared by every pod.`,
        'Use persistence.turso.type pvc or emptyDir.',
      ),
    );
  }
}

/** The runtime container's environment: explicit env plus the keys of ConfigMaps it loads. */
function environment(
  doc: ManifestDoc,
  docs: readonly ManifestDoc[],
): {values: Map<string, string | undefined>; configMaps: ManifestDoc[]} {
  const container = mainContainer(doc);
  const values = new Map<string, string | undefined>();
  const configMaps: ManifestDoc[] = [];
  for (const source of list(container['envFrom'])) {
    const ref = str(obj(source['configMapRef'])['name']);
    const configMap = docs.find((d) => d.object['kind'] === 'ConfigMap' && obj(d.object['metadata'])['name'] === ref);
    if (!configMap) continue;
    configMaps.push(configMap);
    for (const [key, value] of Object.entries(obj(configMap.object['data'])))
      values.set(key, str(value) ?? String(value));
  }
  for (const entry of list(container['env'])) {
    const name = str(entry['name']);
    if (name) values.set(name, entry['valueFrom'] === undefined ? (str(entry['value']) ?? '') : undefined);
  }
  return {values, configMaps};
}

function checkEnv(doc: ManifestDoc, docs: readonly ManifestDoc[], out: Finding[]): void {
  const {values, configMaps} = environment(doc, docs);
  for (const spec of mandatoryEnv()) {
    if (!values.has(spec.name)) {
      out.push(
        finding(
          doc,
          RULE_IDS.env,
          `${spec.name} (${spec.source}) is not set in the runtime container.`,
          `Define it in the runtime ConfigMap with a default (${JSON.stringify(spec.default ?? '')}).`,
        ),
      );
    } else if (spec.default && values.get(spec.name) === '') {
      out.push(
        finding(
          doc,
          RULE_IDS.env,
          `${spec.name} is empty; its default is ${JSON.stringify(spec.default)}.`,
          `Render it with | default ${JSON.stringify(spec.default)}.`,
        ),
      );
    }
  }
  const secrets = secretEnvNames();
  for (const configMap of configMaps) {
    for (const key of Object.keys(obj(configMap.object['data']))) {
      if (secrets.has(key) || /(_TOKEN|_SECRET|_PASSWORD|_ROOT_KEY|SECRET_ACCESS_KEY)$/.test(key)) {
        out.push(
          finding(
            configMap,
            RULE_IDS.secrets,
            `ConfigMap key ${key} holds a secret.`,
            'Move it to a Secret and read it with secretKeyRef.',
          ),
        );
      }
    }
  }
}

/** turso-server's admin credentials (token, URL) anywhere in a runtime container: its env, a ConfigMap it loads. */
function checkNoAdmin(doc: ManifestDoc, docs: readonly ManifestDoc[], out: Finding[]): void {
  const container = mainContainer(doc);
  const hint =
    'Only turso-server and the backup/restore Jobs need the admin token and URL; remove them from the runtime pods.';
  for (const entry of list(container['env'])) {
    const name = str(entry['name']) ?? '';
    const key = str(obj(obj(entry['valueFrom'])['secretKeyRef'])['key']);
    if (ADMIN_ONLY_ENV.includes(name) || key === 'TURSO_ADMIN_TOKEN')
      out.push(
        finding(doc, RULE_IDS.admin, `The runtime container receives turso-server's admin token (${name}).`, hint),
      );
  }
  const {values} = environment(doc, docs);
  for (const name of values.keys()) {
    if (/ADMIN_(URL|TOKEN)$/.test(name) && name.startsWith('TURSO'))
      out.push(finding(doc, RULE_IDS.admin, `The runtime container's environment holds ${name}.`, hint));
  }
  for (const source of list(container['envFrom'])) {
    const secret = str(obj(source['secretRef'])['name']);
    const target = docs.find((d) => d.object['kind'] === 'Secret' && obj(d.object['metadata'])['name'] === secret);
    const keys = Object.keys({...obj(target?.object['stringData']), ...obj(target?.object['data'])});
    if (keys.includes('TURSO_ADMIN_TOKEN'))
      out.push(
        finding(
          doc,
          RULE_IDS.admin,
          `The runtime container loads Secret ${secret}, which holds TURSO_ADMIN_TOKEN.`,
          hint,
        ),
      );
  }
}

function checkTursoServer(doc: ManifestDoc, out: Finding[]): void {
  const containers = list(podSpec(doc)['containers']);
  const mounted = containers.some((c) =>
    list(c['volumeMounts']).some((m) => m['mountPath'] === TURSO_SERVER_DATA_PATH),
  );
  const claimTemplates = list(obj(doc.object['spec'])['volumeClaimTemplates']);
  if (!mounted || claimTemplates.length === 0) {
    out.push(
      finding(
        doc,
        RULE_IDS.volumes,
        `turso-server must mount ${TURSO_SERVER_DATA_PATH} from its own volumeClaimTemplate.`,
        'It owns the canonical database files; without a PVC every restart loses them.',
      ),
    );
  }
}

/**
 * Checks rendered manifests (parsed `helm template` or dry-run output) against the mandatory
 * rules: the runtime container mounts its four volumes from the right kind of source, every core
 * env variable is set (non-empty when it has a default), no ConfigMap it reads holds a secret, no
 * runtime container holds turso-server's admin token or URL, and turso-server keeps its data on a PVC. Returns findings; an empty list means the promises hold.
 */
export function checkManifests(docs: readonly ManifestDoc[]): Finding[] {
  const out: Finding[] = [];
  const runtime = runtimeWorkloads(docs);
  if (runtime.length === 0) {
    out.push({
      id: RULE_IDS.volumes,
      severity: 'error',
      message: 'No runtime workload found (StatefulSet labelled app.kubernetes.io/component=runtime).',
      hint: 'Check that the chart rendered the runtime StatefulSet (templates/statefulset.yaml).',
    });
  }
  for (const doc of runtime) {
    for (const volume of MANDATORY_VOLUMES) checkVolume(doc, volume, docs, out);
    checkEnv(doc, docs, out);
    checkNoAdmin(doc, docs, out);
  }
  for (const doc of docs) {
    if (doc.object['kind'] === 'StatefulSet' && component(doc) === 'turso-server') checkTursoServer(doc, out);
  }
  return out;
}

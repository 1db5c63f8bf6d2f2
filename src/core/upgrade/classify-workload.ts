import {claimShape} from './classify-pvc.js';
import {deepEqual, diffValues, type FieldChange} from './diff.js';
import type {KubeObject} from './manifest.js';
import {parseQuantity} from './quantity.js';
import {claimTemplateValuesPath} from './storage-paths.js';
import type {PlannedChange, ValueFix} from './types.js';

type Spec = Record<string, unknown>;

interface ClaimTemplate {
  readonly metadata?: {name?: string};
  readonly spec?: Spec;
}

function templates(spec: Spec | undefined): Map<string, ClaimTemplate> {
  const list = (spec?.['volumeClaimTemplates'] ?? []) as ClaimTemplate[];
  return new Map(list.map((template) => [template.metadata?.name ?? '', template]));
}

function sameClaimTemplate(a: ClaimTemplate, b: ClaimTemplate): boolean {
  const x = claimShape(a);
  const y = claimShape(b);
  return (
    x.accessModes.join(',') === y.accessModes.join(',') &&
    x.storageClassName === y.storageClassName &&
    (x.volumeMode ?? 'Filesystem') === (y.volumeMode ?? 'Filesystem') &&
    parseQuantity(x.storage) === parseQuantity(y.storage)
  );
}

/** Orphan-delete recipe: the StatefulSet object goes, its pods and PVCs stay, helm re-creates it. */
export function orphanDeleteRecipe(namespace: string, name: string): string {
  return (
    `Delete only the StatefulSet object, keeping its pods and PVCs: ` +
    `kubectl -n ${namespace} delete statefulset ${name} --cascade=orphan — then run the upgrade again; ` +
    'helm re-creates it and it adopts the running pods. Existing per-pod PVCs keep their old settings; ' +
    'only PVCs created later use the new template.'
  );
}

interface Immutable {
  readonly problems: string[];
  readonly fixes: ValueFix[];
}

function statefulSetImmutables(previous: Spec, target: Spec, fullname: string, name: string): Immutable {
  const problems: string[] = [];
  const fixes: ValueFix[] = [];
  if (!deepEqual(previous['selector'], target['selector'])) problems.push('selector');
  if ((previous['serviceName'] ?? '') !== (target['serviceName'] ?? '')) problems.push('serviceName');
  // The API server fills in OrderedReady when the field is left out.
  if ((previous['podManagementPolicy'] ?? 'OrderedReady') !== (target['podManagementPolicy'] ?? 'OrderedReady')) {
    problems.push('podManagementPolicy');
  }
  const before = templates(previous);
  const after = templates(target);
  for (const [templateName, template] of before) {
    const next = after.get(templateName);
    const valuesPath = claimTemplateValuesPath(fullname, name, templateName);
    if (!next) {
      problems.push(`volumeClaimTemplate '${templateName}' removed`);
      if (valuesPath === 'persistence.turso') fixes.push({path: 'persistence.turso.type', value: 'pvc'});
      continue;
    }
    if (!sameClaimTemplate(template, next)) {
      problems.push(`volumeClaimTemplate '${templateName}' changed`);
      if (valuesPath) {
        const shape = claimShape(template);
        if (shape.storage) fixes.push({path: `${valuesPath}.size`, value: shape.storage});
        fixes.push({path: `${valuesPath}.storageClass`, value: shape.storageClassName ?? ''});
      }
    }
  }
  for (const templateName of after.keys()) {
    if (!before.has(templateName)) problems.push(`volumeClaimTemplate '${templateName}' added`);
  }
  return {problems, fixes};
}

function templateOf(spec: Spec | undefined): unknown {
  return spec?.['template'];
}

/**
 * Classifies an update of a StatefulSet or Deployment between the previous manifest and the target.
 * Immutable fields win over everything else, because helm would fail on them half-way through.
 */
export function classifyWorkloadUpdate(
  previous: KubeObject,
  target: KubeObject,
  context: {fullname: string; namespace: string},
): PlannedChange | undefined {
  const fields: FieldChange[] = diffValues(previous, target);
  if (fields.length === 0) return undefined;
  const kind = target.kind;
  const name = target.metadata.name;
  const key = `${kind}/${name}`;
  const before = (previous.spec ?? {}) as Spec;
  const after = (target.spec ?? {}) as Spec;

  if (kind === 'StatefulSet') {
    const {problems, fixes} = statefulSetImmutables(before, after, context.fullname, name);
    if (problems.length > 0) {
      return {
        key,
        kind,
        name,
        label: 'immutable',
        fields,
        reason: `StatefulSet fields that cannot change on a live object: ${problems.join(', ')}.`,
        safePath: fixes.length
          ? `Keep the live settings (${fixes.map((fix) => `${fix.path}=${String(fix.value) || '""'}`).join(', ')}), or: ${orphanDeleteRecipe(context.namespace, name)}`
          : orphanDeleteRecipe(context.namespace, name),
        fixes,
      };
    }
  } else if (kind === 'Deployment' && !deepEqual(before['selector'], after['selector'])) {
    return {
      key,
      kind,
      name,
      label: 'immutable',
      fields,
      reason: 'A Deployment selector cannot change on a live object.',
      safePath: `Delete the Deployment first (kubectl -n ${context.namespace} delete deployment ${name}; downtime), then upgrade.`,
    };
  }

  const templateChanged = !deepEqual(templateOf(before), templateOf(after));
  const replicasChanged = !deepEqual(before['replicas'], after['replicas']);
  const scale = replicasChanged ? `scales ${String(before['replicas'] ?? 1)} → ${String(after['replicas'] ?? 1)}` : '';
  if (templateChanged) {
    const recreate = kind === 'Deployment' && (after['strategy'] as {type?: string} | undefined)?.type === 'Recreate';
    const onDelete =
      kind === 'StatefulSet' && (after['updateStrategy'] as {type?: string} | undefined)?.type === 'OnDelete';
    return {
      key,
      kind,
      name,
      label: recreate ? 'recreate' : 'rolling-restart',
      fields,
      reason: recreate
        ? 'The pod template changes and the strategy is Recreate: all pods stop before new ones start (downtime).'
        : onDelete
          ? 'The pod template changes; with updateStrategy OnDelete pods pick it up only when deleted.'
          : `The pod template changes: pods are replaced one at a time${scale ? `; ${scale}` : ''}.`,
    };
  }
  return {
    key,
    kind,
    name,
    label: 'in-place',
    fields,
    reason: scale ? `Only the replica count changes: ${scale}.` : 'Applied in place.',
  };
}

interface VolumeSpec {
  readonly name?: string;
  readonly persistentVolumeClaim?: {claimName?: string};
  readonly [source: string]: unknown;
}

function volumeSources(spec: Spec | undefined): Map<string, string> {
  const template = (spec?.['template'] ?? {}) as {spec?: {volumes?: VolumeSpec[]}};
  const sources = new Map<string, string>();
  for (const volume of template.spec?.volumes ?? []) {
    if (!volume.name) continue;
    const claim = volume.persistentVolumeClaim?.claimName;
    const type = Object.keys(volume).find((field) => field !== 'name') ?? 'unknown';
    sources.set(volume.name, claim ? `PersistentVolumeClaim ${claim}` : type);
  }
  for (const name of templates(spec).keys()) sources.set(name, `volumeClaimTemplate ${name}`);
  return sources;
}

/**
 * Volumes whose source switches away from a claim (PVC → emptyDir, another claim, a template that
 * disappears): the pods stop seeing the data even if the claim itself survives.
 */
export function volumeSourceSwitches(previous: KubeObject, target: KubeObject): PlannedChange[] {
  const before = volumeSources(previous.spec as Spec | undefined);
  const after = volumeSources(target.spec as Spec | undefined);
  const changes: PlannedChange[] = [];
  for (const [volume, source] of before) {
    const next = after.get(volume);
    const persistent = source.startsWith('PersistentVolumeClaim') || source.startsWith('volumeClaimTemplate');
    if (!persistent || next === source) continue;
    changes.push({
      key: `${target.kind}/${target.metadata.name} volume ${volume}`,
      kind: target.kind,
      name: target.metadata.name,
      label: 'deletes-data',
      fields: [{path: `volume ${volume}`, from: source, to: next ?? '(removed)'}],
      reason: `Volume '${volume}' switches from ${source} to ${next ?? 'nothing'}: the pods no longer see the data stored there.`,
      safePath: `Keep the volume on ${source}; copy the data out first if the switch is really wanted.`,
    });
  }
  return changes;
}

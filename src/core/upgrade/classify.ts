import {classifyPvcRemoval, classifyPvcUpdate} from './classify-pvc.js';
import {classifyWorkloadUpdate, volumeSourceSwitches} from './classify-workload.js';
import {deepEqual, diffValues, type FieldChange} from './diff.js';
import {indexObjects, type KubeObject} from './manifest.js';
import type {LiveReleaseObjects, PlannedChange, StorageClassFact} from './types.js';

export interface ClassifyInput {
  readonly live: LiveReleaseObjects;
  /** Objects the target values render (`helm template`). */
  readonly target: readonly KubeObject[];
  readonly fullname: string;
  readonly namespace: string;
  readonly storageClasses: readonly StorageClassFact[];
}

const WORKLOADS = new Set(['StatefulSet', 'Deployment']);
const HIDDEN = '(hidden)';

/** Secret values never appear in a diff; only which keys change. */
function maskSecretFields(fields: readonly FieldChange[]): FieldChange[] {
  return fields.map((field) =>
    /^(data|stringData)\b/.test(field.path)
      ? {
          path: field.path,
          from: field.from === undefined ? undefined : HIDDEN,
          to: field.to === undefined ? undefined : HIDDEN,
        }
      : field,
  );
}

function classifyUpdate(
  previous: KubeObject,
  target: KubeObject,
  input: ClassifyInput,
  live: Map<string, KubeObject>,
): PlannedChange[] {
  const key = `${target.kind}/${target.metadata.name}`;
  const context = {fullname: input.fullname, namespace: input.namespace, storageClasses: input.storageClasses};
  if (target.kind === 'PersistentVolumeClaim') {
    const change = classifyPvcUpdate(previous, target, live.get(key), context);
    return change ? [change] : [];
  }
  if (WORKLOADS.has(target.kind)) {
    const change = classifyWorkloadUpdate(previous, target, context);
    return [...(change ? [change] : []), ...volumeSourceSwitches(previous, target)];
  }
  const raw = diffValues(previous, target);
  if (raw.length === 0) return [];
  const fields = target.kind === 'Secret' ? maskSecretFields(raw) : raw;
  const base = {key, kind: target.kind, name: target.metadata.name, fields};
  if (target.kind === 'Service') {
    const before = (previous.spec ?? {}) as {clusterIP?: string};
    const after = (target.spec ?? {}) as {clusterIP?: string};
    // Only an explicit clusterIP in both manifests can clash; helm leaves the allocated one alone.
    if (before.clusterIP !== undefined && after.clusterIP !== undefined && before.clusterIP !== after.clusterIP) {
      return [
        {
          ...base,
          label: 'immutable',
          reason: 'A Service clusterIP cannot change.',
          safePath: `Delete the Service ${target.metadata.name} first (brief outage), then upgrade.`,
        },
      ];
    }
  }
  if (target.kind === 'Job' && !deepEqual(previous.spec?.['template'], target.spec?.['template'])) {
    return [
      {
        ...base,
        label: 'immutable',
        reason: 'A Job pod template cannot change.',
        safePath: `Delete the Job ${target.metadata.name} first, then upgrade.`,
      },
    ];
  }
  return [
    {
      ...base,
      label: 'in-place',
      reason: target.kind === 'Secret' ? 'Secret keys change (values hidden).' : 'Applied in place.',
    },
  ];
}

/**
 * Labels every difference between the deployed release and the target render: what helm will
 * create, change in place, restart, recreate, delete (with or without data), or fail on.
 * Unchanged objects are left out.
 */
export function classifyChanges(input: ClassifyInput): PlannedChange[] {
  const previous = indexObjects(input.live.manifest);
  const target = indexObjects(input.target);
  const live = indexObjects(input.live.objects);
  const targetNames = new Map(input.target.map((object) => [object.metadata.name, object.kind]));
  const changes: PlannedChange[] = [];

  for (const [key, object] of target) {
    const before = previous.get(key);
    if (before) {
      changes.push(...classifyUpdate(before, object, input, live));
      continue;
    }
    changes.push({
      key,
      kind: object.kind,
      name: object.metadata.name,
      label: 'create',
      fields: [],
      reason: 'New object.',
    });
  }
  for (const [key, object] of previous) {
    if (target.has(key)) continue;
    const name = object.metadata.name;
    if (object.kind === 'PersistentVolumeClaim') {
      changes.push(classifyPvcRemoval(object));
    } else if (WORKLOADS.has(object.kind) && targetNames.has(name) && WORKLOADS.has(targetNames.get(name) ?? '')) {
      changes.push({
        key,
        kind: object.kind,
        name,
        label: 'recreate',
        fields: [],
        reason: `Replaced by a ${targetNames.get(name)} of the same name: every pod stops before the new ones start (downtime).`,
      });
    } else {
      changes.push({
        key,
        kind: object.kind,
        name,
        label: 'delete',
        fields: [],
        reason: 'No longer rendered; Helm deletes it.',
      });
    }
  }
  return changes;
}

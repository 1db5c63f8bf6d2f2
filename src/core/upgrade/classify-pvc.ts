import {diffValues} from './diff.js';
import type {KubeObject} from './manifest.js';
import {parseQuantity} from './quantity.js';
import {sharedPvcValuesPath} from './storage-paths.js';
import type {PlannedChange, StorageClassFact, ValueFix} from './types.js';

/** The PVC spec fields the API server refuses to change once the claim exists. */
interface ClaimShape {
  readonly accessModes: readonly string[];
  /** undefined = not set in the object (the default class is filled in at creation). */
  readonly storageClassName: string | undefined;
  readonly volumeMode: string | undefined;
  readonly volumeName: string | undefined;
  readonly storage: string | undefined;
}

/** Reads the immutable-relevant part of a PVC spec (or a StatefulSet volumeClaimTemplate). */
export function claimShape(object: {spec?: Record<string, unknown>} | undefined): ClaimShape {
  const spec = (object?.spec ?? {}) as {
    accessModes?: string[];
    storageClassName?: string | null;
    volumeMode?: string;
    volumeName?: string;
    resources?: {requests?: {storage?: string}};
  };
  return {
    accessModes: [...(spec.accessModes ?? [])].sort(),
    storageClassName: spec.storageClassName ?? undefined,
    volumeMode: spec.volumeMode,
    volumeName: spec.volumeName,
    storage: spec.resources?.requests?.storage,
  };
}

export interface PvcContext {
  readonly fullname: string;
  readonly storageClasses: readonly StorageClassFact[];
}

/**
 * Classifies an update of a chart-rendered PVC. `previous` is the last deployed manifest (what helm
 * diffs against), `live` the object in the cluster (server defaults filled in).
 */
export function classifyPvcUpdate(
  previous: KubeObject,
  target: KubeObject,
  live: KubeObject | undefined,
  context: PvcContext,
): PlannedChange | undefined {
  const name = target.metadata.name;
  const key = `PersistentVolumeClaim/${name}`;
  const fields = diffValues(previous, target);
  const was = claimShape(live ?? previous);
  const before = claimShape(previous);
  const after = claimShape(target);
  const problems: string[] = [];
  const fixes: ValueFix[] = [];
  const valuesPath = sharedPvcValuesPath(context.fullname, name);

  if (after.accessModes.join(',') !== was.accessModes.join(',')) {
    problems.push(`access mode ${was.accessModes.join(',')} → ${after.accessModes.join(',')}`);
    if (valuesPath && was.accessModes[0]) fixes.push({path: `${valuesPath}.accessMode`, value: was.accessModes[0]});
  }
  // Set in the target: must equal what the claim has. Dropped from the target while the previous
  // manifest set it: helm sends a removal, which is a change too.
  const classChanged =
    after.storageClassName !== undefined
      ? after.storageClassName !== was.storageClassName
      : before.storageClassName !== undefined && was.storageClassName !== undefined;
  if (classChanged) {
    problems.push(`storage class ${was.storageClassName ?? '(default)'} → ${after.storageClassName ?? '(default)'}`);
    if (valuesPath) fixes.push({path: `${valuesPath}.storageClass`, value: was.storageClassName ?? ''});
  }
  if (after.volumeMode !== undefined && was.volumeMode !== undefined && after.volumeMode !== was.volumeMode) {
    problems.push(`volume mode ${was.volumeMode} → ${after.volumeMode}`);
  }
  const wasSize = parseQuantity(was.storage);
  const newSize = parseQuantity(after.storage);
  let grows = false;
  if (wasSize !== undefined && newSize !== undefined && newSize !== wasSize) {
    if (newSize < wasSize) {
      problems.push(`size ${was.storage} → ${after.storage} (a claim can never shrink)`);
      if (valuesPath) fixes.push({path: `${valuesPath}.size`, value: was.storage});
    } else {
      const className = was.storageClassName ?? context.storageClasses.find((sc) => sc.isDefault)?.name;
      const storageClass = context.storageClasses.find((sc) => sc.name === className);
      if (storageClass && !storageClass.allowVolumeExpansion) {
        problems.push(
          `size ${was.storage} → ${after.storage} (StorageClass ${storageClass.name} does not allow volume expansion)`,
        );
        if (valuesPath) fixes.push({path: `${valuesPath}.size`, value: was.storage});
      } else {
        grows = true;
      }
    }
  }

  if (problems.length > 0) {
    return {
      key,
      kind: 'PersistentVolumeClaim',
      name,
      label: 'immutable',
      fields,
      reason: `The API server rejects this PVC change: ${problems.join('; ')}.`,
      safePath: fixes.length
        ? `Keep the live claim's settings (${fixes.map((fix) => `${fix.path}=${String(fix.value) || '""'}`).join(', ')}); ` +
          'moving the data to a claim with new settings needs a new PVC and a copy of the data.'
        : 'Keep the live claim as it is; moving the data needs a new PVC and a copy of the data.',
      fixes,
    };
  }
  if (fields.length === 0) return undefined;
  return {
    key,
    kind: 'PersistentVolumeClaim',
    name,
    label: 'in-place',
    fields,
    reason: grows
      ? `The claim grows from ${was.storage} to ${after.storage} (the volume is expanded in place).`
      : 'Metadata only.',
  };
}

/** A PVC the target no longer renders: Helm deletes it (and its data) unless it carries resource-policy keep. */
export function classifyPvcRemoval(previous: KubeObject): PlannedChange {
  const name = previous.metadata.name;
  const kept = previous.metadata.annotations?.['helm.sh/resource-policy'] === 'keep';
  if (kept) {
    return {
      key: `PersistentVolumeClaim/${name}`,
      kind: 'PersistentVolumeClaim',
      name,
      label: 'delete',
      fields: [],
      reason:
        'No longer rendered; Helm keeps it (resource-policy: keep) but stops managing it. The data stays on the claim.',
    };
  }
  return {
    key: `PersistentVolumeClaim/${name}`,
    kind: 'PersistentVolumeClaim',
    name,
    label: 'deletes-data',
    fields: [],
    reason: 'No longer rendered, so Helm deletes the claim and everything on it.',
    safePath: 'Keep the values that render this claim, or copy its data elsewhere first.',
  };
}

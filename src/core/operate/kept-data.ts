import {parseQuantity} from '../upgrade/quantity.js';
import type {PreflightCheck, StorageClassFact, ValueFix} from '../upgrade/types.js';
import {getPath, type Values} from '../values/paths.js';
import {claimSize, type OwnedClaim} from './claims.js';

/**
 * A re-install over data an uninstalled release left behind: the shared claims (resource-policy
 * keep), the per-pod claims of the volumeClaimTemplates, turso-server's data claim. helm adopts the
 * shared claims (they carry its ownership annotations) and the StatefulSets pick up the per-pod
 * ones, so the install only works when the values describe those claims as they are: a PVC's
 * storage class and access mode never change, and it never shrinks. This decides, before helm
 * runs, which values to take from the kept claims (adopt) and which the person asked to be
 * different (block, with the safe path).
 */
export interface KeptDataInput {
  readonly namespace: string;
  readonly release: string;
  readonly claims: readonly OwnedClaim[];
  /** The rendered target values. */
  readonly values: Values;
  /** True for value paths the person set (answers files, --set, the wizard's answers). */
  readonly explicit: (path: string) => boolean;
  readonly storageClasses: readonly StorageClassFact[];
}

export interface KeptDataPlan {
  /** Values taken from the kept claims (nobody asked for something else). */
  readonly adopt: readonly ValueFix[];
  /** What the Review shows: adoption (info), conflicts (errors, with the adopting fix), notes. */
  readonly checks: readonly PreflightCheck[];
}

interface Field {
  readonly path: string;
  /** What the claim has, as a value for `path`. */
  readonly kept: string;
  /** What the values ask for, in the claim's terms ('' = no class). */
  readonly wanted: string;
  /** Growing a shared claim on an expandable class is allowed; anything else must match. */
  readonly grows?: boolean;
  /** Per-pod claims are reused by the StatefulSet as they are: a difference is wrong, not fatal. */
  readonly fatal: boolean;
}

function inUse(claim: OwnedClaim, values: Values): boolean {
  if (claim.role === 'turso') return (getPath(values, 'persistence.turso.type') ?? 'pvc') === 'pvc';
  if (claim.role === 'turso-server') return getPath(values, 'tursoServer.enabled') === true;
  return true;
}

function fieldsOf(claim: OwnedClaim, values: Values, classes: readonly StorageClassFact[]): Field[] {
  const shared = claim.role === 'plugins' || claim.role === 'apps';
  const base = claim.valuesPath;
  const fields: Field[] = [];
  const rawClass = getPath(values, `${base}.storageClass`);
  const wantedClass =
    rawClass === '-'
      ? ''
      : typeof rawClass === 'string' && rawClass !== ''
        ? rawClass
        : (classes.find((sc) => sc.isDefault)?.name ?? claim.storageClass);
  fields.push({
    path: `${base}.storageClass`,
    kept: claim.storageClass === '' ? '-' : claim.storageClass,
    wanted: wantedClass,
    fatal: shared,
  });
  if (shared) {
    const mode = String(getPath(values, `${base}.accessMode`) ?? 'ReadWriteOnce');
    fields.push({path: `${base}.accessMode`, kept: claim.accessModes[0] ?? mode, wanted: mode, fatal: true});
  }
  const size = getPath(values, `${base}.size`);
  if (claim.request !== undefined && size !== undefined) {
    const keptBytes = parseQuantity(claim.request);
    const wantedBytes = parseQuantity(size);
    if (keptBytes !== undefined && wantedBytes !== undefined && keptBytes !== wantedBytes) {
      const expandable = classes.find((sc) => sc.name === claim.storageClass)?.allowVolumeExpansion === true;
      fields.push({
        path: `${base}.size`,
        kept: claim.request,
        wanted: String(size),
        grows: shared && wantedBytes > keptBytes && expandable,
        fatal: shared,
      });
    }
  }
  return fields;
}

function differs(field: Field): boolean {
  if (field.path.endsWith('.storageClass')) return (field.kept === '-' ? '' : field.kept) !== field.wanted;
  if (field.path.endsWith('.size')) return !field.grows;
  return field.kept !== field.wanted;
}

export function planKeptData(input: KeptDataInput): KeptDataPlan {
  const adopt = new Map<string, ValueFix>();
  const checks: PreflightCheck[] = [];
  const seen = new Set<string>();
  const used = input.claims.filter((claim) => inUse(claim, input.values));
  const unused = input.claims.filter((claim) => !inUse(claim, input.values));
  for (const claim of used) {
    // One claim per role speaks for the values (per-pod claims share one template).
    if (seen.has(claim.role)) continue;
    seen.add(claim.role);
    for (const field of fieldsOf(claim, input.values, input.storageClasses)) {
      if (!differs(field)) continue;
      const fix = {path: field.path, value: field.kept};
      const what = field.path.split('.').pop();
      if (!input.explicit(field.path)) {
        adopt.set(field.path, fix);
        continue;
      }
      const peers = input.claims.filter((other) => other.role === claim.role).map((other) => other.name);
      checks.push({
        id: 'kept-data',
        severity: 'error',
        message: field.fatal
          ? `Kept claim ${claim.name} (left by an earlier install) has ${what} ${field.kept}, but this install asks for ${field.wanted}: the API server refuses to change it, so helm would fail half-way.`
          : `Kept claims ${peers.join(', ')} (left by an earlier install) have ${what} ${field.kept}, but this install asks for ${field.wanted}: the StatefulSet would reuse them as they are, so the values would not describe the volumes.`,
        hint:
          `Safe path: keep ${field.path}=${field.kept} (the data stays where it is). To start over with ${field.wanted} instead, ` +
          `delete the kept data first (it is lost): buntime-deploy uninstall --release ${input.release} -n ${input.namespace} --delete-data.`,
        fixes: [fix],
      });
    }
  }
  const reused = used.map((claim) => `${claim.name} (${claimSize(claim)}, ${claim.storageClass || 'no class'})`);
  if (reused.length > 0) {
    const adopted = [...adopt.values()].map((fix) => `${fix.path}=${String(fix.value)}`);
    checks.push({
      id: 'kept-data',
      severity: 'info',
      message: `Re-uses data kept from an earlier install: ${reused.join(', ')}.`,
      ...(adopted.length ? {hint: `Adopted from those claims: ${adopted.join(', ')}.`} : {}),
    });
  }
  if (unused.length > 0) {
    checks.push({
      id: 'kept-data-unused',
      severity: 'info',
      message: `Kept claims this install does not mount (their data stays): ${unused.map((claim) => claim.name).join(', ')}.`,
    });
  }
  return {adopt: [...adopt.values()], checks};
}

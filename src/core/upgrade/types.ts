import type {FieldChange} from './diff.js';
import type {KubeObject} from './manifest.js';

/**
 * How one object change lands on the cluster, from harmless to refused:
 * - create / in-place: applied without restarting anything;
 * - rolling-restart: pods are replaced one at a time (the release stays up);
 * - recreate: the object or its pods go away before the new ones start (downtime);
 * - delete: Helm stops managing an object (kept or harmless);
 * - deletes-data: data on a volume is deleted or no longer used;
 * - immutable: the API server rejects the change, so helm would fail half-way.
 */
export type ChangeLabel =
  | 'create'
  | 'in-place'
  | 'rolling-restart'
  | 'recreate'
  | 'delete'
  | 'deletes-data'
  | 'immutable';

/** A value the wizard can set to avoid a blocker (e.g. keep the live PVC's access mode). */
export interface ValueFix {
  readonly path: string;
  readonly value: unknown;
}

export interface PlannedChange {
  /** `Kind/name` (plus ` volume <name>` for a volume-source switch). */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly label: ChangeLabel;
  /** Changed fields (Secret data values are never included, only their keys). */
  readonly fields: readonly FieldChange[];
  /** One sentence: what happens and why. */
  readonly reason: string;
  /** For immutable and deletes-data changes: what to do instead, so helm never gets to fail. */
  readonly safePath?: string;
  /** Values that keep the live state (the automatic safe path), when one exists. */
  readonly fixes?: readonly ValueFix[];
}

/** What the cluster says about a StorageClass (RWX capability from the provisioner table). */
export interface StorageClassFact {
  readonly name: string;
  readonly provisioner: string;
  readonly isDefault: boolean;
  readonly rwx: 'yes' | 'no' | 'unknown';
  readonly allowVolumeExpansion: boolean;
}

/** The live release as the planner sees it. */
export interface LiveReleaseObjects {
  /** Objects from `helm get manifest` of the deployed revision. */
  readonly manifest: readonly KubeObject[];
  /** Live PVCs and StatefulSets read from the API (server defaults filled in, e.g. storageClassName). */
  readonly objects: readonly KubeObject[];
}

export type CheckSeverity = 'error' | 'warning' | 'info';

/** A preflight result: errors block, warnings need an explicit yes, info is shown. */
export interface PreflightCheck {
  readonly id: string;
  readonly severity: CheckSeverity;
  readonly message: string;
  /** Why this matters / what to change. */
  readonly hint?: string;
  /** Values that resolve it automatically, when the wizard can. */
  readonly fixes?: readonly ValueFix[];
  /** An action the wizard offers before helm runs (e.g. 'backup-first'). */
  readonly action?: 'backup-first';
}

import type {KubeObject} from '../upgrade/manifest.js';
import {describeClaim, ownedClaims, whyKept, type ClaimFact, type OwnedClaim} from './claims.js';

export interface UninstallInput {
  readonly release: string;
  readonly namespace: string;
  readonly fullname: string;
  /** The deployed manifest (`helm get manifest`); undefined when the release is not installed. */
  readonly manifest?: readonly KubeObject[];
  /** Every PVC in the namespace (only the release's are used). */
  readonly claims: readonly ClaimFact[];
  /** The wizard-owned credentials Secret, when it exists (key names only). */
  readonly secret?: {readonly name: string; readonly uid: string; readonly keys: readonly string[]};
  /** `helm uninstall …` as it will run. */
  readonly command?: string;
  readonly deleteData: boolean;
  /** The backup CronJob, when backups are configured. */
  readonly backupCronJob?: string;
}

export interface KeptClaim extends OwnedClaim {
  readonly why: string;
  readonly line: string;
}

/** What `uninstall` does, computed before anything is touched: the Review of an uninstall. */
export interface UninstallPlan {
  readonly release: string;
  readonly namespace: string;
  readonly installed: boolean;
  /** What helm deletes (`Kind/name`). */
  readonly removed: readonly string[];
  /** Manifest objects helm leaves in place (`helm.sh/resource-policy: keep`). */
  readonly keptByPolicy: readonly string[];
  /** Every claim of the release, by name and size: kept by default, deleted with --delete-data. */
  readonly claims: readonly KeptClaim[];
  readonly secret?: UninstallInput['secret'];
  readonly deleteData: boolean;
  readonly command?: string;
  /** The same data deletion by hand. */
  readonly deleteCommands: readonly string[];
  readonly backupCronJob?: string;
}

const KEEP = 'helm.sh/resource-policy';

export function planUninstall(input: UninstallInput): UninstallPlan {
  const manifest = input.manifest ?? [];
  const kept = new Set(
    manifest
      .filter((object) => object.metadata.annotations?.[KEEP] === 'keep')
      .map((object) => `${object.kind}/${object.metadata.name}`),
  );
  const removed = manifest.map((object) => `${object.kind}/${object.metadata.name}`).filter((key) => !kept.has(key));
  const claims = ownedClaims(input.fullname, input.claims).map((claim) => ({
    ...claim,
    why: whyKept(claim),
    line: describeClaim(claim),
  }));
  const deleteCommands = [
    ...(claims.length
      ? [`kubectl -n ${input.namespace} delete pvc ${claims.map((claim) => claim.name).join(' ')}`]
      : []),
    ...(input.secret ? [`kubectl -n ${input.namespace} delete secret ${input.secret.name}`] : []),
  ];
  return {
    release: input.release,
    namespace: input.namespace,
    installed: input.manifest !== undefined,
    removed,
    keptByPolicy: [...kept],
    claims,
    ...(input.secret ? {secret: input.secret} : {}),
    deleteData: input.deleteData,
    ...(input.command ? {command: input.command} : {}),
    deleteCommands,
    ...(input.backupCronJob ? {backupCronJob: input.backupCronJob} : {}),
  };
}

/** The plan as plain lines (the Review of `uninstall`, text and screen alike). */
export function uninstallLines(plan: UninstallPlan): string[] {
  const lines: string[] = [];
  if (plan.installed) {
    lines.push(`helm removes ${plan.removed.length} object(s) of release ${plan.release}:`);
    for (const key of plan.removed) lines.push(`  - ${key}`);
  } else {
    lines.push(
      `Release ${plan.release} is not installed in ${plan.namespace}; only data left by an earlier install remains.`,
    );
  }
  const verb = plan.deleteData ? 'DELETED (--delete-data)' : 'kept';
  lines.push('', `Data claims (${plan.claims.length}), ${verb}:`);
  if (plan.claims.length === 0) lines.push('  none');
  for (const claim of plan.claims) lines.push(`  ${plan.deleteData ? '✖' : '✔'} ${claim.line} — ${claim.why}`);
  lines.push('', `Credentials Secret, ${plan.secret ? verb : 'none'}:`);
  if (plan.secret)
    lines.push(
      `  ${plan.deleteData ? '✖' : '✔'} ${plan.secret.name} (${plan.secret.keys.join(', ') || 'no keys'}) — not managed by helm; the root key and tokens live here`,
    );
  if (!plan.deleteData && (plan.claims.length > 0 || plan.secret)) {
    lines.push(
      '',
      'A later install with the same release name and namespace finds them again (same data, same root key).',
      `To delete them too: buntime-deploy uninstall --release ${plan.release} -n ${plan.namespace} --delete-data, or by hand:`,
      ...plan.deleteCommands.map((command) => `  ${command}`),
    );
  }
  return lines;
}

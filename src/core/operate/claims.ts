import {releaseClaim, type ReleaseClaim} from '../upgrade/storage-paths.js';

/** A PVC as the operate commands need it (read from the API; no I/O here). */
export interface ClaimFact {
  readonly name: string;
  readonly uid: string;
  /** `spec.storageClassName` as the API server filled it in ('' = no class). */
  readonly storageClass: string;
  readonly accessModes: readonly string[];
  /** `spec.resources.requests.storage`. */
  readonly request?: string;
  /** `status.capacity.storage` once bound. */
  readonly capacity?: string;
  readonly phase: string;
  /** `helm.sh/resource-policy: keep`: helm leaves it on uninstall. */
  readonly keep: boolean;
  /** The release named in helm's ownership annotation, if any. */
  readonly helmRelease?: string;
}

/** A claim that belongs to the release, with what it is. */
export type OwnedClaim = ClaimFact & ReleaseClaim;

/** The release's claims among `claims`, in a stable order (shared first, then per pod by ordinal). */
export function ownedClaims(fullname: string, claims: readonly ClaimFact[]): OwnedClaim[] {
  const order = ['plugins', 'apps', 'state', 'turso', 'turso-server'];
  return claims
    .flatMap((claim) => {
      const role = releaseClaim(fullname, claim.name);
      return role ? [{...claim, ...role}] : [];
    })
    .sort(
      (a, b) =>
        order.indexOf(a.role) - order.indexOf(b.role) ||
        (a.ordinal ?? 0) - (b.ordinal ?? 0) ||
        a.name.localeCompare(b.name),
    );
}

/** `5Gi`, the bound capacity when known, else the request. */
export function claimSize(claim: Pick<ClaimFact, 'capacity' | 'request'>): string {
  return claim.capacity ?? claim.request ?? '?';
}

/** One line about a claim: `buntime-plugins 5Gi nfs ReadWriteMany (Bound)`. */
export function describeClaim(claim: ClaimFact): string {
  return `${claim.name} ${claimSize(claim)} ${claim.storageClass || '(no class)'} ${claim.accessModes.join(',') || '?'} (${claim.phase})`;
}

/** Why a claim outlives `helm uninstall`, in the words a person needs. */
export function whyKept(claim: OwnedClaim): string {
  switch (claim.role) {
    case 'plugins':
      return 'uploaded plugins (/data/plugins); helm.sh/resource-policy: keep';
    case 'apps':
      return 'deployed apps (/data/apps); helm.sh/resource-policy: keep';
    case 'state':
      return `api-keys.db of pod ${claim.statefulSet}-${claim.ordinal} (/data/state); volumeClaimTemplate, helm never deletes it`;
    case 'turso':
      return `local Turso files of pod ${claim.statefulSet}-${claim.ordinal} (/data/turso); volumeClaimTemplate, helm never deletes it`;
    case 'turso-server':
      return `turso-server databases (/var/lib/turso of ${claim.statefulSet}-${claim.ordinal}); volumeClaimTemplate, helm never deletes it`;
  }
}

/**
 * The one guard every command that changes a release directly goes through: a release that a GitOps
 * engine owns is changed in git, not by helm from a laptop (the engine would revert it, or its next
 * reconcile would fail on the drift). `--force` is the explicit way past it. Status never asks.
 */
import type {KubeConnection} from '../../adapters/kube/client.js';
import {readOwnershipEvidence} from '../../adapters/kube/release-owner.js';
import {UserError} from '../../core/errors.js';
import {detectOwner, type EngineOwner} from '../../core/gitops/owner.js';

export type DirectAction = 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'restart';

/** The engine that owns the release, read from its live objects (undefined: helm alone). */
export async function releaseOwner(
  connection: KubeConnection,
  namespace: string,
  release: string,
  signal?: AbortSignal,
): Promise<EngineOwner | undefined> {
  return detectOwner(release, namespace, await readOwnershipEvidence(connection, namespace, release, signal));
}

/** One sentence naming the engine and what holds the release, for screens and errors. */
export function ownerSentence(owner: EngineOwner): string {
  return `managed by ${owner.engineName} (${owner.owner})`;
}

/** What to do instead: the export for that engine. */
export function exportHint(owner: EngineOwner): string {
  return `Change it in git instead: 'buntime-deploy export --to ${owner.engine} -o DIR' writes the ${owner.engineName} files with the same answers, presets and checks.`;
}

/** Throws (exit 2) when an engine owns the release and --force was not given. */
export function refuseOwned(
  owner: EngineOwner | undefined,
  target: {action: DirectAction; release: string; namespace: string; force: boolean},
): void {
  if (!owner || target.force) return;
  throw new UserError(
    `Release ${target.release} in namespace ${target.namespace} is ${ownerSentence(owner)}: a direct ${target.action} would fight it (${owner.engineName} reverts drift, or its next reconcile fails). Nothing was changed.`,
    {hint: `${exportHint(owner)} Seen: ${owner.evidence}. Pass --force to ${target.action} directly anyway.`},
  );
}

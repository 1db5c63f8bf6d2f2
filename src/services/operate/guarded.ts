import type {Context} from '../../context.js';
import {type DirectAction, refuseOwned, releaseOwner} from '../gitops/guard.js';
import {withReleaseLock} from '../lock/release-lock.js';
import type {ReleaseTarget} from '../target.js';
import {openSession, requireConsent} from './session.js';

/**
 * Every day-2 command that changes a release runs through here: a release a GitOps engine owns is
 * refused (exit 2, the engine named; `--force` to go ahead), and the work holds the release's lock
 * so a second run is told "another operation is in progress" instead of racing this one. A dry run
 * changes nothing, so it takes no lock (and writes no Lease). With `consent`, a run that would change
 * something and has neither --yes nor a terminal stops first.
 */
export async function guardedOperation<T>(
  options: Pick<ReleaseTarget, 'release' | 'namespace' | 'kubeContext'> & {
    readonly dryRun: boolean;
    readonly yes?: boolean;
    readonly force?: boolean;
  },
  ctx: Context,
  action: {readonly command: string; readonly owned?: DirectAction; readonly consent?: boolean},
  work: () => Promise<T>,
): Promise<T> {
  // Whether anyone can say yes is known from the flags and the terminal alone, so it is asked
  // before the cluster is (a CI job without --yes learns that even where no kubeconfig exists).
  if (action.consent) requireConsent({yes: Boolean(options.yes), dryRun: options.dryRun}, ctx, action.command);
  const {conn} = await openSession(options, ctx, false);
  if (action.owned) {
    refuseOwned(await releaseOwner(conn, options.namespace, options.release, ctx.signal), {
      action: action.owned,
      release: options.release,
      namespace: options.namespace,
      force: Boolean(options.force),
    });
  }
  if (options.dryRun) return work();
  return withReleaseLock(
    ctx,
    {connection: conn, namespace: options.namespace, release: options.release, command: action.command},
    work,
  );
}

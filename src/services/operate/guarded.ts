import type {Context} from '../../context.js';
import {type DirectAction, refuseOwned, releaseOwner} from '../gitops/guard.js';
import {withReleaseLock} from '../lock/release-lock.js';
import type {ReleaseTarget} from '../target.js';
import {openSession} from './session.js';

/**
 * Every day-2 command that changes a release runs through here: a release a GitOps engine owns is
 * refused (exit 2, the engine named; `--force` to go ahead), and the work holds the release's lock
 * so a second run is told "another operation is in progress" instead of racing this one. A dry run
 * changes nothing, so it takes no lock (and writes no Lease).
 */
export async function guardedOperation<T>(
  options: Pick<ReleaseTarget, 'release' | 'namespace' | 'kubeContext'> & {
    readonly dryRun: boolean;
    readonly force?: boolean;
  },
  ctx: Context,
  action: {readonly command: string; readonly owned?: DirectAction},
  work: () => Promise<T>,
): Promise<T> {
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

import {join} from 'node:path';
import {readFileHead} from '../../adapters/files.js';
import {discoverRestoreTargets} from '../../adapters/kube/restore-targets.js';
import {discoverRelease} from '../../adapters/kube/workloads.js';
import {bundledChartDir} from '../../adapters/package-root.js';
import type {Context} from '../../context.js';
import {offlineRestoreSteps} from '../../core/backups/offline.js';
import {sqliteFileProblem} from '../../core/backups/sqlite-file.js';
import {UserError} from '../../core/errors.js';
import {renderOfflineSteps} from '../../ui/backups/index.js';
import {connectOrExplain} from '../cluster.js';
import type {BackupsTarget} from './access.js';

export interface OfflineOptions extends BackupsTarget {
  readonly name: string;
  readonly file: string;
  readonly json: boolean;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * `restore --offline NS FILE`: checks FILE is a complete SQLite snapshot, then prints the kubectl
 * steps that restore it by hand (nothing is changed by the tool).
 */
export async function runOfflineRestore(options: OfflineOptions, ctx: Context): Promise<number> {
  if (!NAME.test(options.name))
    throw new UserError(`'${options.name}' is not a turso-server namespace name.`, {
      hint: 'Use ^[a-z0-9][a-z0-9_-]{0,62}$.',
    });
  let head: Uint8Array;
  let size: number;
  try {
    ({head, size} = await readFileHead(options.file, 100));
  } catch (error) {
    throw new UserError(`Cannot read ${options.file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Name a snapshot file, e.g. one written by: buntime-deploy backups download NS -o FILE',
    });
  }
  const problem = sqliteFileProblem(head, size);
  if (problem) throw new UserError(`${options.file} is not a usable snapshot: ${problem}.`);
  const conn = await connectOrExplain(ctx, options.kubeContext);
  const wiring = await discoverRelease(conn, options.namespace, options.release);
  const targets = await discoverRestoreTargets(conn, options.namespace, options.release, wiring, {
    requireBackup: false,
  });
  const steps = offlineRestoreSteps(
    targets,
    options.name,
    options.file,
    join(bundledChartDir(), 'files', 'turso-restore.sh'),
  );
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({namespace: options.name, file: options.file, size, steps}, null, 2)}\n`);
    return 0;
  }
  ctx.stdout.write(
    renderOfflineSteps(steps, ctx.style, [
      ctx.style.bold(`Restoring ${options.file} as namespace ${options.name} of release ${options.release} by hand`),
      ctx.style.dim(
        'A copied file is not enough: tursodb 0.6.0 serves fresh sync clients only what is in the -wal, so the script replays the snapshot into an empty database through tursodb --sync-server.',
      ),
      ctx.style.dim('Run the steps in order from a shell with kubectl for this cluster; nothing has been changed yet.'),
    ]),
  );
  return 0;
}

import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runOfflineRestore} from '../services/backups/offline.js';
import {runRestore} from '../services/backups/restore.js';
import {atOption, backupsTarget, tursoNamespace} from './backup-options.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy restore [NS…] [--at TIME] [--yes|--dry-run] [--json] | restore --offline NS FILE`. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const target = backupsTarget(args.flags);
  const json = flagBool(args.flags, 'json');
  const atText = flagString(args.flags, 'at');
  if (flagBool(args.flags, 'offline')) {
    const [name, file, extra] = args.positionals;
    if (name === undefined || file === undefined || extra !== undefined)
      throw new UserError("'restore --offline' takes a namespace and a snapshot file.", {
        hint: 'Use: buntime-deploy restore --offline NS FILE (e.g. a file from backups download).',
      });
    for (const other of ['yes', 'dry-run', 'at', 's3-endpoint'])
      if (args.flags[other] !== undefined)
        throw new UserError(`'restore --offline' takes no --${other}: it only prints the steps.`);
    return runOfflineRestore({...target, name: tursoNamespace(name), file, json}, ctx);
  }
  const yes = flagBool(args.flags, 'yes');
  const dryRun = flagBool(args.flags, 'dry-run');
  if (yes && dryRun) throw new UserError('--yes and --dry-run contradict each other: pick one.');
  return runRestore(
    {
      ...target,
      names: args.positionals.map(tursoNamespace),
      ...(atText !== undefined ? {at: atOption(atText)} : {}),
      yes,
      dryRun,
      json,
    },
    ctx,
  );
}

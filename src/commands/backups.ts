import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runBackupsDownload} from '../services/backups/download.js';
import {runBackupsList} from '../services/backups/list.js';
import {atOption, backupsTarget, tursoNamespace} from './backup-options.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

const USAGE = 'Use: buntime-deploy backups list [NS] | backups download NS [--at TIME] -o FILE';

/** `buntime-deploy backups list [NS] | backups download NS [--at TIME] -o FILE` (services/backups). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [sub, name, extra] = args.positionals;
  const target = backupsTarget(args.flags);
  const json = flagBool(args.flags, 'json');
  const output = flagString(args.flags, 'output');
  const atText = flagString(args.flags, 'at');
  if (sub === 'list') {
    if (output !== undefined || atText !== undefined)
      throw new UserError(`'backups list' takes no ${output !== undefined ? '-o' : '--at'}.`, {hint: USAGE});
    return runBackupsList({...target, ...(name ? {only: tursoNamespace(name)} : {}), json}, ctx);
  }
  if (sub === 'download') {
    if (name === undefined || extra !== undefined)
      throw new UserError("'backups download' needs one namespace.", {hint: USAGE});
    if (output === undefined || output === '')
      throw new UserError("'backups download' needs -o FILE (where to write the snapshot).", {hint: USAGE});
    return runBackupsDownload(
      {...target, name: tursoNamespace(name), output, json, ...(atText !== undefined ? {at: atOption(atText)} : {})},
      ctx,
    );
  }
  throw new UserError(`Unknown backups subcommand '${sub ?? ''}'.`, {hint: USAGE});
}

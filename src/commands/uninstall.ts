import type {Context} from '../context.js';
import {runUninstall} from '../services/operate/uninstall.js';
import {operateOptions} from './options.js';
import {flagBool} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy uninstall [--delete-data]`: says what goes and what stays; keeps all data by default. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runUninstall(
    {
      ...operateOptions(args.flags),
      deleteData: flagBool(args.flags, 'delete-data'),
      backup: flagBool(args.flags, 'backup'),
    },
    ctx,
  );
}

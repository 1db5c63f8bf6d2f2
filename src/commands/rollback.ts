import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runRollback} from '../services/operate/rollback.js';
import {operateOptions} from './options.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy rollback [REVISION]`: labelled diff to that revision, then helm rollback --wait. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [revision] = args.positionals;
  if (revision !== undefined && !/^[1-9]\d*$/.test(revision))
    throw new UserError(`REVISION '${revision}' is not a revision number.`, {
      hint: "Give a revision from 'buntime-deploy history' (1, 2, …), or leave it out for the last good one.",
    });
  return runRollback({...operateOptions(args.flags), ...(revision ? {revision: Number(revision)} : {})}, ctx);
}

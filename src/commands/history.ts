import type {Context} from '../context.js';
import {runHistory} from '../services/operate/rollback.js';
import {operateOptions} from './options.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy history`: the release's revisions, like `helm history`. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runHistory(operateOptions(args.flags), ctx);
}

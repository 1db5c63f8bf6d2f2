import type {Context} from '../context.js';
import {runRestart} from '../services/operate/restart.js';
import {operateOptions} from './options.js';
import {flagBool} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy restart [--turso]`: a rolling restart, followed pod by pod until Ready. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runRestart({...operateOptions(args.flags), turso: flagBool(args.flags, 'turso')}, ctx);
}

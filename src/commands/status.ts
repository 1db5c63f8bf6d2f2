import type {Context} from '../context.js';
import {openLiveScreen, printStatusSnapshot} from '../services/status/live.js';
import {targetOptions} from './options.js';
import {flagBool} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy status`: the live screen at a terminal, else (or with --json) one snapshot. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const target = targetOptions(args.flags);
  const json = flagBool(args.flags, 'json');
  if (ctx.interactive && !json) return openLiveScreen(target, ctx);
  return printStatusSnapshot(target, ctx, json);
}

import type {Context} from '../context.js';
import {runHeadless} from '../services/deploy/headless.js';
import {headlessOptions} from './options.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy upgrade`: the wizard's plan and Review without prompts; applies with --yes. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runHeadless('upgrade', headlessOptions(args.flags), ctx);
}

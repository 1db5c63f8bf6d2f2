import type {Context} from '../context.js';
import {runWizard} from '../services/deploy/wizard-run.js';
import {deployOptions} from './options.js';
import type {CommandArgs} from './registry.js';

/** The default command: the interactive wizard (render-only when no cluster is reachable). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runWizard(deployOptions(args.flags), ctx);
}

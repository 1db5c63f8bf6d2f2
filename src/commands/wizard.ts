import {runWizard} from '../services/deploy/wizard-run.js';
import type {Context} from './context.js';
import type {CommandArgs} from './registry.js';

/** The default command: the interactive wizard (render-only when no cluster is reachable). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  return runWizard(args.flags, ctx);
}

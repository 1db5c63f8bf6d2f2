import type {Context} from '../context.js';
import {runLint} from '../services/lint/lint.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy lint [CHART_DIR] [--json] [--helm PATH]`: exit 1 on any error finding, 2 on a bad chart dir. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [chartDir] = args.positionals;
  const helmPath = flagString(args.flags, 'helm');
  return runLint(
    {
      ...(chartDir !== undefined ? {chartDir} : {}),
      ...(helmPath ? {helmPath} : {}),
      json: flagBool(args.flags, 'json'),
    },
    ctx,
  );
}

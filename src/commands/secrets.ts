import {resolve} from 'node:path';
import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runSecretsApply} from '../services/gitops/credentials.js';
import {targetOptions} from './options.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy secrets apply`: the export's credentials Secret into one cluster (or --print). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [verb] = args.positionals;
  if (verb !== 'apply')
    throw new UserError(`'secrets ${verb ?? ''}' is not a command.`, {
      hint: 'Use: buntime-deploy secrets apply [flags]',
    });
  const {flags} = args;
  const {release, kubeContext} = targetOptions(flags);
  return runSecretsApply(
    {
      secretsFile: resolve(ctx.cwd, flagString(flags, 'secrets-file') ?? `${release}.credentials.yaml`),
      ...(kubeContext ? {kubeContext} : {}),
      print: flagBool(flags, 'print'),
      yes: flagBool(flags, 'yes'),
      dryRun: flagBool(flags, 'dry-run'),
      json: flagBool(flags, 'json'),
    },
    ctx,
  );
}

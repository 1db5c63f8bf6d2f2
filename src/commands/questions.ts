import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runQuestions} from '../services/questions/questions.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy questions check FILE | questions eval FILE --answers A.yaml` (see services/questions). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [sub, file] = args.positionals;
  if ((sub !== 'check' && sub !== 'eval') || file === undefined) {
    throw new UserError(`Unknown questions subcommand '${sub ?? ''}'.`, {
      hint: 'Use: buntime-deploy questions check FILE [--chart DIR] | questions eval FILE --answers FILE [--json]',
    });
  }
  const chart = flagString(args.flags, 'chart');
  const answers = flagString(args.flags, 'answers');
  return runQuestions(
    {
      sub,
      file,
      ...(chart !== undefined ? {chart} : {}),
      ...(answers !== undefined ? {answers} : {}),
      json: flagBool(args.flags, 'json'),
    },
    ctx,
  );
}

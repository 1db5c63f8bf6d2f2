import type {Context} from '../context.js';
import {runValues} from '../services/operate/values.js';
import {operateOptions} from './options.js';
import {flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy values [-o answers.yaml]`: the live answers, secrets masked (or left out of the file). */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const output = flagString(args.flags, 'output');
  return runValues({...operateOptions(args.flags), ...(output ? {output} : {})}, ctx);
}

import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {durationMs} from '../core/operate/duration.js';
import {runLogs} from '../services/operate/logs.js';
import {targetOptions} from './options.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy logs [POD] [--all] [-f] [--previous] [-c C] [--since D] [--tail N]`. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const {flags} = args;
  const since = flagString(flags, 'since');
  const sinceMs = since === undefined ? undefined : durationMs(since);
  if (since !== undefined && (sinceMs === undefined || sinceMs < 1000))
    throw new UserError(`--since '${since}' is not a duration of at least a second.`, {
      hint: 'Use e.g. 30s, 5m or 2h.',
    });
  const tail = flagString(flags, 'tail');
  if (tail !== undefined && !/^(0|[1-9]\d*)$/.test(tail))
    throw new UserError(`--tail '${tail}' is not a number of lines.`, {hint: 'Use e.g. --tail 100.'});
  const container = flagString(flags, 'container');
  const all = flagBool(flags, 'all');
  const [pod] = args.positionals;
  return runLogs(
    {
      ...targetOptions(flags),
      ...(pod ? {pod} : {}),
      all,
      follow: flagBool(flags, 'follow'),
      previous: flagBool(flags, 'previous'),
      ...(container ? {container} : {}),
      ...(sinceMs !== undefined ? {sinceSeconds: Math.floor(sinceMs / 1000)} : {}),
      ...(tail !== undefined ? {tailLines: Number(tail)} : all ? {tailLines: 100} : {}),
    },
    ctx,
  );
}

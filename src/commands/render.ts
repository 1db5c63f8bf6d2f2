import type {Context} from '../context.js';
import {runRender} from '../services/render/render.js';
import {targetOptions, timeoutOption} from './options.js';
import {flagBool, flagString, flagStrings} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `buntime-deploy render`: values and the helm command, offline. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const {flags} = args;
  const {release, namespace, kubeContext} = targetOptions(flags);
  const chart = flagString(flags, 'chart');
  const preset = flagString(flags, 'preset');
  const output = flagString(flags, 'output');
  const chartOut = flagString(flags, 'chart-out');
  const helmPath = flagString(flags, 'helm');
  return runRender(
    {
      release,
      namespace,
      ...(kubeContext ? {kubeContext} : {}),
      ...(chart !== undefined ? {chart} : {}),
      ...(preset !== undefined ? {preset} : {}),
      values: flagStrings(flags, 'values'),
      sets: flagStrings(flags, 'set'),
      ...(output !== undefined ? {output} : {}),
      ...(chartOut !== undefined ? {chartOut} : {}),
      ...(helmPath !== undefined ? {helmPath} : {}),
      timeout: timeoutOption(flags),
      json: flagBool(flags, 'json'),
    },
    ctx,
  );
}

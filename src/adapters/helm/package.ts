import {mkdir} from 'node:fs/promises';
import {ExternalError} from '../../core/errors.js';
import {commandLine} from '../../core/helm/command.js';
import {execResult} from '../exec.js';

/** `helm package CHART -d DIR`: the chart archive (name-version.tgz) k3s can serve; returns its path. */
export async function helmPackage(options: {
  helm: string;
  chartDir: string;
  destination: string;
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}): Promise<string> {
  await mkdir(options.destination, {recursive: true});
  const args = ['package', options.chartDir, '--destination', options.destination];
  const result = await execResult(options.helm, args, {env: options.env, signal: options.signal});
  const path = /saved it to:\s*(\S+)/.exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || !path) {
    throw new ExternalError(`helm package failed for ${options.chartDir}.`, {
      command: commandLine(options.helm, args),
      stderr: result.stderr || result.stdout,
    });
  }
  return path;
}

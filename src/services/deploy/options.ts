import {flagString, flagStrings, type ParsedFlags} from '../../commands/parse-args.js';
import {UserError} from '../../core/errors.js';

/** Flags shared by the wizard, install and upgrade, as one options object. */
export interface DeployOptions {
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
  readonly helmPath?: string;
  readonly chart?: string;
  readonly preset?: string;
  readonly values: readonly string[];
  readonly sets: readonly string[];
  /** helm duration for --wait. */
  readonly timeout: string;
  /** False when --namespace / --release were left out (the wizard may then pick them from the cluster). */
  readonly namespaceGiven: boolean;
  readonly releaseGiven: boolean;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

export function deployOptions(flags: ParsedFlags): DeployOptions {
  const timeout = flagString(flags, 'timeout') ?? '10m';
  if (!DURATION.test(timeout)) {
    throw new UserError(`--timeout '${timeout}' is not a duration.`, {
      hint: 'Use a Go duration such as 10m, 90s or 1h30m.',
    });
  }
  const release = flagString(flags, 'release') ?? 'buntime';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(release) || release.length > 53) {
    throw new UserError(`--release '${release}' is not a valid Helm release name.`, {
      hint: 'Lowercase letters, digits and dashes, at most 53 characters, starting and ending with a letter or digit.',
    });
  }
  const namespace = flagString(flags, 'namespace') ?? 'buntime';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63) {
    throw new UserError(`--namespace '${namespace}' is not a valid namespace name.`, {
      hint: 'Lowercase letters, digits and dashes, at most 63 characters.',
    });
  }
  const kubeContext = flagString(flags, 'kube-context');
  const helmPath = flagString(flags, 'helm');
  const chart = flagString(flags, 'chart');
  const preset = flagString(flags, 'preset');
  return {
    release,
    namespace,
    ...(kubeContext ? {kubeContext} : {}),
    ...(helmPath ? {helmPath} : {}),
    ...(chart ? {chart} : {}),
    ...(preset ? {preset} : {}),
    values: flagStrings(flags, 'values'),
    sets: flagStrings(flags, 'set'),
    timeout,
    namespaceGiven: flagString(flags, 'namespace') !== undefined,
    releaseGiven: flagString(flags, 'release') !== undefined,
  };
}

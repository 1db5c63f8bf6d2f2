import {UserError} from '../core/errors.js';
import {namespaceNameProblem, releaseNameProblem, suggestNamespaceName, suggestReleaseName} from '../core/names.js';
import type {HeadlessOptions} from '../services/deploy/headless.js';
import type {DeployOptions} from '../services/deploy/options.js';
import type {OperateOptions} from '../services/operate/session.js';
import type {ReleaseTarget} from '../services/target.js';
import {flagBool, flagString, flagStrings, type ParsedFlags} from './parse-args.js';

// Flags → options, shared by every command, so one flag means one thing everywhere and is checked
// the same way (exit 2 naming the flag) before anything talks to a cluster.

export const DEFAULT_RELEASE = 'buntime';
export const DEFAULT_NAMESPACE = 'buntime';

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** --release, --namespace and --kube-context, validated. */
export function targetOptions(flags: ParsedFlags): ReleaseTarget {
  const release = flagString(flags, 'release') ?? DEFAULT_RELEASE;
  const releaseProblem = releaseNameProblem(release);
  if (releaseProblem) {
    throw new UserError(`--release '${release}' ${releaseProblem}.`, {
      hint: `A Helm release name for this chart: lower-case letters, digits and '-', starting with a letter, at most 53 characters (e.g. --release ${suggestReleaseName(release)}).`,
    });
  }
  const namespace = flagString(flags, 'namespace') ?? DEFAULT_NAMESPACE;
  const namespaceProblem = namespaceNameProblem(namespace);
  if (namespaceProblem) {
    throw new UserError(`--namespace '${namespace}' ${namespaceProblem}.`, {
      hint: `A Kubernetes namespace name: lower-case letters, digits and '-', at most 63 characters (e.g. --namespace ${suggestNamespaceName(namespace)}).`,
    });
  }
  const kubeContext = flagString(flags, 'kube-context');
  if (kubeContext === '')
    throw new UserError('--kube-context is empty.', {
      hint: 'Name a context from `kubectl config get-contexts`, or leave the flag out.',
    });
  return {
    release,
    namespace,
    ...(kubeContext ? {kubeContext} : {}),
    namespaceGiven: flagString(flags, 'namespace') !== undefined,
    releaseGiven: flagString(flags, 'release') !== undefined,
  };
}

/** --timeout as a helm (Go) duration; `fallback` when the flag is absent. */
export function timeoutOption(flags: ParsedFlags, fallback = '10m'): string {
  const timeout = flagString(flags, 'timeout') ?? fallback;
  if (!DURATION.test(timeout)) {
    throw new UserError(`--timeout '${timeout}' is not a duration.`, {
      hint: 'Use a Go duration such as 10m, 90s or 1h30m.',
    });
  }
  return timeout;
}

/** The flags shared by the wizard, install and upgrade. */
export function deployOptions(flags: ParsedFlags): DeployOptions {
  const helmPath = flagString(flags, 'helm');
  const chart = flagString(flags, 'chart');
  const preset = flagString(flags, 'preset');
  return {
    ...targetOptions(flags),
    ...(helmPath ? {helmPath} : {}),
    ...(chart ? {chart} : {}),
    ...(preset ? {preset} : {}),
    values: flagStrings(flags, 'values'),
    sets: flagStrings(flags, 'set'),
    timeout: timeoutOption(flags),
    ...(flagBool(flags, 'force') ? {force: true} : {}),
  };
}

/** install/upgrade: the deploy flags plus --yes, --dry-run and --json. */
export function headlessOptions(flags: ParsedFlags): HeadlessOptions {
  return {
    ...deployOptions(flags),
    yes: flagBool(flags, 'yes'),
    dryRun: flagBool(flags, 'dry-run'),
    json: flagBool(flags, 'json'),
  };
}

/** The operate commands (history, rollback, uninstall, restart, plugins, values): target, helm, consent. */
export function operateOptions(flags: ParsedFlags): OperateOptions {
  const helmPath = flagString(flags, 'helm');
  return {
    ...targetOptions(flags),
    ...(helmPath ? {helmPath} : {}),
    timeout: timeoutOption(flags),
    yes: flagBool(flags, 'yes'),
    dryRun: flagBool(flags, 'dry-run'),
    json: flagBool(flags, 'json'),
    ...(flagBool(flags, 'force') ? {force: true} : {}),
  };
}

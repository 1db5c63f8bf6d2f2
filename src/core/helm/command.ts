/**
 * Every helm command the product runs or prints is built here, so the command a person sees (the
 * Review, `render`, the Result) is exactly the one that runs, flag for flag. Values reach helm only
 * as files (`--values`), never as `--set`: no secret ever appears in argv, the process list or
 * shell history.
 */

/** Which release, where; the flags every helm call on it shares. */
export interface HelmScope {
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
}

export interface ApplyCommand extends HelmScope {
  /** helm 4 renamed `--atomic` to `--rollback-on-failure`. */
  readonly helmMajor: 3 | 4;
  /** Chart directory or packaged chart, as it will be passed. */
  readonly chart: string;
  /** Values files in order (a secrets file last, so it wins). */
  readonly valueFiles: readonly string[];
  /** helm duration for `--wait`, e.g. `10m`. */
  readonly timeout: string;
  /** Server-side dry run instead of the automatic rollback: nothing is persisted. */
  readonly dryRun?: boolean;
}

/** `--namespace NS [--kube-context CTX]`. */
export function scopeArgs(scope: HelmScope): string[] {
  return ['--namespace', scope.namespace, ...(scope.kubeContext ? ['--kube-context', scope.kubeContext] : [])];
}

/** The flag that makes a failed apply roll itself back, per helm major. */
export function rollbackOnFailureFlag(helmMajor: 3 | 4): string {
  return helmMajor === 4 ? '--rollback-on-failure' : '--atomic';
}

/**
 * argv after `helm` for install and upgrade alike: `upgrade --install` with `--reset-values` and
 * the full explicit values (new chart defaults apply; nothing silently carries over from the last
 * release: no `--reuse-values` trap), waiting for readiness and rolling back on failure.
 */
export function applyArgs(command: ApplyCommand): string[] {
  return [
    'upgrade',
    '--install',
    command.release,
    command.chart,
    ...scopeArgs(command),
    '--create-namespace',
    '--reset-values',
    ...command.valueFiles.flatMap((file) => ['--values', file]),
    '--wait',
    '--timeout',
    command.timeout,
    ...(command.dryRun ? ['--dry-run=server'] : [rollbackOnFailureFlag(command.helmMajor)]),
  ];
}

/** A command line as a person would type it (for messages); arguments are quoted when needed. */
export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/**
 * `helm rollback REL REV --wait --timeout T --cleanup-on-fail` (the recovery of a stuck release, and
 * `rollback`). Both majors take the same flags here: `--wait` alone is helm 3's wait and helm 4's
 * `watcher` strategy; `--cleanup-on-fail` removes objects the rollback created if it fails, so a
 * failed rollback leaves the release as it was. helm has no automatic undo for a rollback.
 */
export function rollbackArgs(scope: HelmScope, revision: number, timeout: string): string[] {
  return [
    'rollback',
    scope.release,
    String(revision),
    ...scopeArgs(scope),
    '--wait',
    '--timeout',
    timeout,
    '--cleanup-on-fail',
  ];
}

/** `helm uninstall REL --wait --timeout T` (PVCs with `helm.sh/resource-policy: keep` stay). */
export function uninstallArgs(scope: HelmScope, timeout: string): string[] {
  return ['uninstall', scope.release, ...scopeArgs(scope), '--wait', '--timeout', timeout];
}

// Reading a release. `--output json` where helm has it, so nothing depends on helm's table layout.

/** `helm history REL --max N --output json`. */
export function historyArgs(scope: HelmScope, max = 256): string[] {
  return ['history', scope.release, '--max', String(max), ...scopeArgs(scope), '--output', 'json'];
}

/** `helm status REL [--revision N] --output json` (its `config` holds user values: never show it raw). */
export function statusArgs(scope: HelmScope, revision?: number): string[] {
  return [
    'status',
    scope.release,
    ...(revision !== undefined ? ['--revision', String(revision)] : []),
    ...scopeArgs(scope),
    '--output',
    'json',
  ];
}

/** `helm get values REL [--all] [--revision N] --output json` (may hold secrets: never show it raw). */
export function getValuesArgs(scope: HelmScope, options: {all?: boolean; revision?: number} = {}): string[] {
  return [
    'get',
    'values',
    scope.release,
    ...(options.all ? ['--all'] : []),
    ...(options.revision !== undefined ? ['--revision', String(options.revision)] : []),
    ...scopeArgs(scope),
    '--output',
    'json',
  ];
}

/** `helm get manifest REL [--revision N]` (contains Secrets: parse, never print). */
export function getManifestArgs(scope: HelmScope, revision?: number): string[] {
  return [
    'get',
    'manifest',
    scope.release,
    ...(revision !== undefined ? ['--revision', String(revision)] : []),
    ...scopeArgs(scope),
  ];
}

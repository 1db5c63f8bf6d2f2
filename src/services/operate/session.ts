import {findHelm, type HelmBinary} from '../../adapters/helm/binary.js';
import type {HelmTarget} from '../../adapters/helm/release.js';
import {connect, type KubeConnection} from '../../adapters/kube/client.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';
import type {ReleaseTarget} from '../target.js';

/** What every operate command takes (src/commands/options.ts maps the flags). */
export interface OperateOptions extends ReleaseTarget {
  readonly helmPath?: string;
  /** helm duration for --wait, and the bound of a rollout follow. */
  readonly timeout: string;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** Change a release a GitOps engine owns anyway (rollback, uninstall, restart). */
  readonly force?: boolean;
}

/** The cluster (and helm, for commands that run it) of one operate run. */
export interface OperateSession {
  readonly conn: KubeConnection;
  readonly helm?: HelmBinary;
  readonly target?: HelmTarget;
}

/** Connects to the cluster (and finds helm when `withHelm`); no cluster is exit 2 with what to set. */
export async function openSession(
  options: Pick<OperateOptions, 'kubeContext' | 'helmPath' | 'release' | 'namespace'>,
  ctx: Context,
  withHelm: boolean,
): Promise<OperateSession> {
  const conn = await connect({env: ctx.env, ...(options.kubeContext ? {context: options.kubeContext} : {})});
  if (!conn)
    throw new UserError('No Kubernetes cluster configured: no kubeconfig was found.', {
      hint: 'Set KUBECONFIG or create ~/.kube/config, or pass --kube-context.',
    });
  if (!withHelm) return {conn};
  const helm = await findHelm({
    ...(options.helmPath ? {path: options.helmPath} : {}),
    env: ctx.env,
    signal: ctx.signal,
  });
  return {
    conn,
    helm,
    target: {
      helm,
      release: options.release,
      namespace: options.namespace,
      env: ctx.env,
      ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    },
  };
}

/** Refuses to change anything without --yes (or --dry-run) when no terminal can confirm. */
export function requireConsent(options: Pick<OperateOptions, 'yes' | 'dryRun'>, ctx: Context, what: string): void {
  if (options.yes || options.dryRun || ctx.interactive) return;
  throw new UserError(`'${what}' would change the cluster but there is no terminal to confirm it.`, {
    hint: 'Pass --yes to go ahead, or --dry-run to only see the plan.',
  });
}

/** `--kube-context X -n NS --release R` as the commands print it for a follow-up. */
export function targetFlags(options: Pick<ReleaseTarget, 'namespace' | 'release' | 'kubeContext'>): string {
  return `-n ${options.namespace}${options.release === 'buntime' ? '' : ` --release ${options.release}`}${options.kubeContext ? ` --kube-context ${options.kubeContext}` : ''}`;
}

/** The JSON report of an operate command on stdout (never a secret in it). */
export function writeJson(ctx: Context, report: object): void {
  ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/** Page long screens only for a person who will answer the next question (not --yes, --dry-run, pipes). */
export function pageFor(ctx: Context, options: Pick<OperateOptions, 'yes' | 'dryRun'>): boolean {
  return ctx.interactive && !options.yes && !options.dryRun;
}

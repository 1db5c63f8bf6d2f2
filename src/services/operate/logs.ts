import {kubectlLogs, streamPodLog, type LogRequest} from '../../adapters/kube/pod-logs.js';
import {runtimePods} from '../../adapters/kube/runtime.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';
import type {ReleaseTarget} from '../target.js';
import {openSession} from './session.js';

export interface LogsOptions extends ReleaseTarget, LogRequest {
  /** The POD argument (any pod of the namespace); default: the release's first runtime pod. */
  readonly pod?: string;
  /** Every runtime pod, each line prefixed with its pod. */
  readonly all: boolean;
}

/**
 * `logs`: one pod's log, or with --all every runtime pod's (the runtime StatefulSet's pods only:
 * never turso-server or backup jobs), interleaved line by line with a `[pod]` prefix. With -f it
 * follows until Ctrl-C.
 */
export async function runLogs(options: LogsOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, false);
  let pods: string[];
  if (options.pod) {
    if (options.all) throw new UserError('Give either a POD or --all, not both.');
    pods = [options.pod];
  } else {
    const {pods: found, workloads} = await runtimePods(session.conn, options.namespace, options.release, ctx.signal);
    if (found.length === 0)
      throw new UserError(`Release ${options.release} has no runtime pods in namespace ${options.namespace}.`, {
        hint: workloads.runtime
          ? `StatefulSet ${workloads.runtime.metadata?.name} has no pods yet (buntime-deploy status shows why).`
          : 'Check --release, --namespace and --kube-context.',
      });
    pods = options.all ? found.map((pod) => pod.name) : [found[0]?.name as string];
    if (!options.all && found.length > 1)
      ctx.stderr.write(
        ctx.style.dim(`(logs of ${pods[0]}; ${found.length} runtime pods: --all shows every one, or name a POD)\n`),
      );
  }
  const prefix = pods.length > 1;
  const width = Math.max(...pods.map((pod) => pod.length));
  const colours = [ctx.style.info, ctx.style.accent, ctx.style.ok, ctx.style.warn];
  const tag = (pod: string, index: number): string =>
    prefix ? `${(colours[index % colours.length] ?? ctx.style.dim)(`[${pod.padEnd(width)}]`)} ` : '';
  const results = await Promise.allSettled(
    pods.map((pod, index) =>
      streamPodLog(
        session.conn,
        options.namespace,
        pod,
        options,
        (line) => ctx.stdout.write(`${tag(pod, index)}${line}\n`),
        ctx.signal,
      ),
    ),
  );
  const failed = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{pod: pods[index], error: result.reason}] : [],
  );
  for (const {error} of failed) ctx.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
  if (failed.length === pods.length && failed[0]) {
    const first = failed[0];
    throw new UserError(`No logs could be read.`, {
      exitCode: 1,
      hint: `Try: ${kubectlLogs(options.namespace, first.pod ?? '', options)}`,
    });
  }
  return failed.length > 0 ? 1 : 0;
}

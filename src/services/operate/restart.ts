import type * as k8s from '@kubernetes/client-node';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {
  budgetsFor,
  readRollout,
  restartStatefulSet,
  rolloutPod,
  rolloutSet,
  watchReplacements,
} from '../../adapters/kube/rollout.js';
import {releaseWorkloads} from '../../adapters/kube/runtime.js';
import type {Context} from '../../context.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {durationMs} from '../../core/operate/duration.js';
import {restartChecks, rolloutView, type RolloutView} from '../../core/operate/restart.js';
import type {PreflightCheck} from '../../core/upgrade/types.js';
import type {PlanView} from '../../ui/operate/index.js';
import {planGate} from './plan-gate.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {type ApplyStore, showResult} from '../../ui/wizard/index.js';
import {withProgress} from './progress.js';
import {guardedOperation} from './guarded.js';
import {openSession, pageFor, targetFlags, writeJson, type OperateOptions} from './session.js';

export interface RestartOptions extends OperateOptions {
  /** Also restart turso-server's StatefulSet (after the runtime). */
  readonly turso: boolean;
}

/** One StatefulSet to roll: its name, pods before, and the preflight. */
export interface RestartTarget {
  readonly set: k8s.V1StatefulSet;
  readonly name: string;
  readonly pods: readonly {name: string; uid: string}[];
  readonly checks: readonly PreflightCheck[];
}

export interface RolloutResult {
  readonly name: string;
  readonly done: boolean;
  /** Pods in the order their replacements started (creation time of the new pods). */
  readonly order: readonly string[];
  readonly replaced: readonly {readonly name: string; readonly from: string; readonly to: string}[];
  readonly stopped: boolean;
  readonly timedOut: boolean;
}

/** Reads a StatefulSet, its pods and the budgets that cover them, and checks them. */
export async function restartTarget(
  conn: KubeConnection,
  namespace: string,
  release: string,
  set: k8s.V1StatefulSet,
): Promise<RestartTarget> {
  const name = set.metadata?.name ?? '';
  const {pods} = await readRollout(conn, namespace, name);
  const budgets = await budgetsFor(conn, namespace, set);
  return {
    set,
    name,
    pods: pods.map((pod) => ({name: pod.name, uid: pod.uid})),
    checks: restartChecks({
      statefulSet: name,
      replicas: set.spec?.replicas ?? 1,
      readyPods: pods.filter((pod) => pod.ready).length,
      budgets,
      release,
    }),
  };
}

/** The progress steps of a rollout: one per pod, in the order the controller replaces them. */
export function rolloutSteps(target: RestartTarget): Array<{id: string; title: string}> {
  const replicas = target.set.spec?.replicas ?? 1;
  const names = Array.from({length: replicas}, (_, ordinal) => `${target.name}-${ordinal}`).reverse();
  return names.map((pod) => ({id: `pod:${pod}`, title: `${pod}: replace and wait until Ready`}));
}

/**
 * `kubectl rollout restart` plus `kubectl rollout status`: patches the template, then follows the
 * controller pod by pod until every new pod is Ready. The rollout itself runs in the cluster: a
 * stop (Ctrl-C) or a timeout only ends the following, never the rollout.
 */
export async function rollOut(
  ctx: Context,
  conn: KubeConnection,
  namespace: string,
  target: RestartTarget,
  store: ApplyStore,
  timeoutMs: number,
): Promise<RolloutResult> {
  const before = target.pods.map((pod) => ({...pod, ordinal: 0, ready: true, deleting: false}));
  const watch = await watchReplacements(conn, namespace, target.set, new Set(target.pods.map((pod) => pod.uid)));
  try {
    await restartStatefulSet(conn, namespace, target.name, new Date());
  } catch (error) {
    watch.stop();
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  let view: RolloutView = {pods: [], done: false};
  let last: Awaited<ReturnType<typeof readRollout>> | undefined;
  const show = (next: RolloutView): void => {
    for (const pod of next.pods) {
      const state = pod.phase === 'ready' ? 'done' : pod.phase === 'waiting' ? 'pending' : 'running';
      store.step(`pod:${pod.name}`, state, pod.phase === 'ready' ? 'new pod Ready' : pod.detail);
    }
  };
  while (!ctx.signal.aborted && Date.now() < deadline) {
    try {
      last = await readRollout(conn, namespace, target.name, ctx.signal);
      view = rolloutView(before, last.pods.map(rolloutPod), rolloutSet(last.set));
      show(view);
      if (view.done) break;
    } catch (error) {
      if (ctx.signal.aborted) break;
      store.line(`reading the rollout failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const seen = watch.stop();
  const old = new Map(target.pods.map((pod) => [pod.name, pod.uid]));
  const fresh = (last?.pods ?? []).filter((pod) => old.has(pod.name) && old.get(pod.name) !== pod.uid);
  const names = new Set(fresh.map((pod) => pod.name));
  const watched = seen.filter((name, index) => names.has(name) && seen.indexOf(name) === index);
  return {
    name: target.name,
    done: view.done,
    order: watched.length === names.size ? watched : await replacementOrder(conn, namespace, [...names]),
    replaced: fresh.map((pod) => ({name: pod.name, from: old.get(pod.name) ?? '', to: pod.uid})),
    stopped: ctx.signal.aborted,
    timedOut: !view.done && !ctx.signal.aborted,
  };
}

/** The replaced pods ordered by the creation time of their new incarnation. */
async function replacementOrder(conn: KubeConnection, namespace: string, names: readonly string[]): Promise<string[]> {
  const times = await Promise.all(
    names.map(async (name) => {
      const pod = await conn.core.readNamespacedPod({namespace, name}).catch(() => undefined);
      const at = pod?.metadata?.creationTimestamp;
      return {name, at: at ? new Date(at).getTime() : Number.MAX_SAFE_INTEGER};
    }),
  );
  return times.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name)).map((item) => item.name);
}

/** What Ctrl-C during a rollout means, in one line (the rollout goes on in the cluster). */
export function rolloutStoppedNote(namespace: string, name: string): string {
  return `The rollout goes on in the cluster (the StatefulSet controller replaces the remaining pods one at a time); watch it with: kubectl -n ${namespace} rollout status statefulset/${name}`;
}

/**
 * `restart`: a rolling restart of the runtime StatefulSet (and with --turso, turso-server's), the
 * way `kubectl rollout restart` does it, followed pod by pod until Ready; a PodDisruptionBudget that
 * allows no disruption blocks it first.
 */
async function runRestartUnguarded(options: RestartOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, false);
  const workloads = await releaseWorkloads(session.conn, options.namespace, options.release);
  if (!workloads.runtime)
    throw new UserError(`Release ${options.release} has no runtime StatefulSet in namespace ${options.namespace}.`, {
      hint: 'Check --release, --namespace and --kube-context (buntime-deploy status shows what is there).',
    });
  if (options.turso && !workloads.turso)
    throw new UserError('--turso: this release has no turso-server (tursoServer.enabled is false).');
  const sets = [workloads.runtime, ...(options.turso && workloads.turso ? [workloads.turso] : [])];
  const targets = await Promise.all(
    sets.map((set) => restartTarget(session.conn, options.namespace, options.release, set)),
  );
  const commands = targets.map(
    (target) => `kubectl -n ${options.namespace} rollout restart statefulset/${target.name}`,
  );
  const view: PlanView = {
    title: `Restart — ${options.release} in ${options.namespace}`,
    fields: targets.map((target) => ({
      label: target.name === workloads.runtime?.metadata?.name ? 'Runtime' : 'turso',
      lines: [
        `StatefulSet ${target.name}: ${target.pods.length} pod(s), replaced one at a time from the highest ordinal (${rolloutSteps(
          target,
        )
          .map((step) => step.id.slice(4))
          .join(' → ')})`,
      ],
    })),
    sections: [],
    checks: targets.flatMap((target) => target.checks),
    commands,
    ready: 'ready to restart',
  };
  const report = (extra: object): object => ({
    release: options.release,
    namespace: options.namespace,
    dryRun: options.dryRun,
    statefulSets: targets.map((target) => ({name: target.name, pods: target.pods.map((pod) => pod.name)})),
    checks: view.checks,
    commands,
    ...extra,
  });
  const verdict = await planGate(ctx, options, view, {done: 'restarted', report});
  if (!verdict) return 0;
  if (!options.yes) {
    const ok = await askConfirm(
      ctx,
      {
        message: `Restart ${targets.map((target) => target.name).join(' and ')}${verdict.warnings ? `, accepting ${verdict.warnings} warning(s)` : ''}?`,
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (!ok) throw new CancelledError('Nothing was restarted.');
  }
  const timeoutMs = durationMs(options.timeout) ?? 600_000;
  const results = await withProgress<RolloutResult[]>(
    ctx,
    {
      title: `Restarting ${options.release}`,
      steps: targets.flatMap(rolloutSteps),
      live: ctx.interactive && !options.json,
      footer: {
        running: 'Ctrl-C stops following; the rollout itself goes on in the cluster (it is safe).',
        stopping: 'Stopped following: the rollout goes on in the cluster.',
      },
      onError: (error, store) => {
        store.line(error instanceof Error ? error.message : String(error));
        return [];
      },
    },
    async (store) => {
      const out: RolloutResult[] = [];
      for (const target of targets) {
        const result = await rollOut(ctx, session.conn, options.namespace, target, store, timeoutMs);
        out.push(result);
        if (!result.done) break;
      }
      return out;
    },
  );
  const done = results.length === targets.length && results.every((result) => result.done);
  const stopped = results.find((result) => result.stopped);
  const lines = results.map(
    (result) =>
      `${result.done ? '✔' : '…'} ${result.name}: ${result.replaced.length} pod(s) replaced${result.order.length ? ` (in order: ${result.order.join(', ')})` : ''}`,
  );
  if (options.json) {
    writeJson(
      ctx,
      report({
        ok: done,
        outcome: done ? 'restarted' : stopped ? 'stopped' : 'timeout',
        rollouts: results,
        ...(done ? {} : {note: rolloutStoppedNote(options.namespace, results.at(-1)?.name ?? targets[0]?.name ?? '')}),
      }),
    );
  } else {
    await showResult(
      ctx,
      {
        outcome: done ? 'deployed' : stopped ? 'cancelled' : 'failed',
        mode: 'restart',
        headline: done
          ? `✔ ${targets.map((target) => target.name).join(' and ')} restarted: every pod replaced and Ready`
          : stopped
            ? '! Stopped following the restart'
            : `✖ The restart did not finish within ${options.timeout}`,
        release: options.release,
        namespace: options.namespace,
        access: [],
        problems: [],
        verified: lines,
        nextSteps: done
          ? [`Watch it live: buntime-deploy status ${targetFlags(options)}`]
          : [rolloutStoppedNote(options.namespace, results.at(-1)?.name ?? targets[0]?.name ?? '')],
      },
      {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)},
    );
  }
  if (stopped) throw new CancelledError('Stopped following; the rollout goes on in the cluster.');
  return done ? 0 : 1;
}

/** Restart: refused for a release a GitOps engine owns (unless --force), under the release lock. */
export async function runRestart(options: RestartOptions, ctx: Context): Promise<number> {
  return guardedOperation(options, ctx, {command: 'restart', owned: 'restart', consent: true}, () =>
    runRestartUnguarded(options, ctx),
  );
}

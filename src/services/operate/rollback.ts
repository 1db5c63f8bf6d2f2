import {
  releaseAllValues,
  releaseHistory,
  releaseManifest,
  rollbackRelease,
  scopeOf,
  type ApplyResult,
  type HelmTarget,
} from '../../adapters/helm/release.js';
import {listClaims, secretMeta} from '../../adapters/kube/release-claims.js';
import {releaseStorage} from '../../adapters/kube/release-objects.js';
import {inspectCluster} from '../../adapters/kube/cluster-info.js';
import type {Context} from '../../context.js';
import {credentialsSecretName} from '../../core/credentials/keys.js';
import {commandLine, rollbackArgs} from '../../core/helm/command.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {ownedClaims} from '../../core/operate/claims.js';
import {
  historyTable,
  planRollback,
  rollbackTarget,
  sortedHistory,
  type RollbackPlan,
} from '../../core/operate/rollback.js';
import {parseManifest} from '../../core/upgrade/manifest.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {releaseHealth, type HistoryEntry} from '../../core/upgrade/recovery.js';
import type {StorageClassFact} from '../../core/upgrade/types.js';
import {pickRevision, type PlanView} from '../../ui/operate/index.js';
import {planGate} from './plan-gate.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {showResult} from '../../ui/wizard/index.js';
import {clusterFacts} from '../deploy/cluster-facts.js';
import {withProgress} from './progress.js';
import {guardedOperation} from './guarded.js';
import {openSession, pageFor, targetFlags, writeJson, type OperateOptions} from './session.js';

export interface RollbackOptions extends OperateOptions {
  /** The REVISION argument; without it, the newest earlier revision that deployed. */
  readonly revision?: number;
  /** Wizard: pick the revision from the history at the terminal. */
  readonly pick?: boolean;
}

async function historyOf(target: HelmTarget, ctx: Context): Promise<HistoryEntry[]> {
  const history = await releaseHistory(target, ctx.signal);
  if (history.length === 0)
    throw new UserError(`Release ${target.release} is not installed in namespace ${target.namespace}.`, {
      hint: 'Check --release, --namespace and --kube-context (helm list -A lists every release).',
    });
  return history;
}

/** `history`: the release's revisions like `helm history` (newest first; * marks the current one). */
export async function runHistory(options: OperateOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, true);
  const target = session.target as HelmTarget;
  const history = sortedHistory(await historyOf(target, ctx));
  const current = history[0]?.revision;
  if (options.json) {
    writeJson(ctx, {release: options.release, namespace: options.namespace, current, revisions: history});
    return 0;
  }
  for (const line of historyTable(history, current)) ctx.stdout.write(`${line}\n`);
  ctx.stdout.write(
    `\nRoll back: buntime-deploy rollback [REVISION] ${targetFlags(options)}   (equivalent: helm rollback ${options.release} REVISION -n ${options.namespace} --wait)\n`,
  );
  return 0;
}

/** The cluster's StorageClasses as the planner needs them (PVC expansion, default class). */
export async function storageClasses(options: OperateOptions, ctx: Context): Promise<StorageClassFact[]> {
  const cluster = await inspectCluster({
    env: ctx.env,
    namespace: options.namespace,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    signal: ctx.signal,
  });
  return cluster.online ? [...clusterFacts(cluster).storageClasses] : [];
}

function planView(
  options: OperateOptions,
  plan: RollbackPlan,
  history: readonly HistoryEntry[],
  command: string,
): PlanView {
  const byRevision = new Map(history.map((entry) => [entry.revision, entry]));
  const describe = (revision: number): string => {
    const entry = byRevision.get(revision);
    return entry
      ? `${revision} (${entry.status}, ${entry.chart}, ${entry.updated.replace(/\.\d+.*$/, '')}: ${entry.description})`
      : String(revision);
  };
  return {
    title: `Rollback — ${options.release} in ${options.namespace}`,
    fields: [
      {label: 'From', lines: [describe(plan.from)]},
      {label: 'To', lines: [describe(plan.to)]},
    ],
    sections: [],
    changes: {title: `Changes to the live release (revision ${plan.from} → ${plan.to})`, items: plan.changes},
    checks: plan.checks,
    commands: [command],
    ready: 'ready to roll back',
  };
}

/**
 * `rollback [REVISION]`: the same labelled diff as an upgrade (current → target manifest), blocked
 * on what would fail; then helm rollback with --wait, progress and the result. Afterwards it checks
 * that the credentials Secret (not managed by helm) and every data claim are exactly as before.
 */
async function runRollbackUnguarded(options: RollbackOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, true);
  const target = session.target as HelmTarget;
  const history = await historyOf(target, ctx);
  let requested = options.revision;
  if (requested === undefined && options.pick) {
    const chosen = rollbackTarget(history);
    const table = historyTable(history, sortedHistory(history)[0]?.revision);
    const rows = sortedHistory(history).map((entry, index) => ({
      revision: entry.revision,
      line: table[index + 1] ?? String(entry.revision),
      ...(index === 0 ? {disabled: '(current)'} : {}),
    }));
    requested = await pickRevision(ctx, {
      header: table[0] ?? '',
      rows,
      ...(chosen.ok ? {default: chosen.target.revision} : {}),
    });
  }
  const picked = rollbackTarget(history, requested);
  if (!picked.ok) throw new UserError(picked.message, {hint: picked.hint});
  const [currentText, targetText, allValues] = await Promise.all([
    releaseManifest(target, ctx.signal),
    releaseManifest(target, ctx.signal, picked.target.revision),
    releaseAllValues(target, ctx.signal),
  ]);
  const fullname = chartFullname(options.release, allValues ?? {});
  const secretName = credentialsSecretName(fullname);
  const [storage, classes, secretBefore, claimsBefore] = await Promise.all([
    releaseStorage(session.conn, options.namespace, fullname),
    storageClasses(options, ctx),
    secretMeta(session.conn, options.namespace, secretName),
    listClaims(session.conn, options.namespace, ctx.signal),
  ]);
  const plan = planRollback({
    current: picked.current,
    target: picked.target,
    currentManifest: parseManifest(currentText ?? ''),
    targetManifest: parseManifest(targetText ?? ''),
    storage,
    fullname,
    namespace: options.namespace,
    storageClasses: classes,
    credentialsSecret: secretName,
  });
  const args = rollbackArgs(scopeOf(target), picked.target.revision, options.timeout);
  const command = commandLine(target.helm.path, args);
  const view = planView(options, plan, history, command);
  const report = (extra: object): object => ({
    release: options.release,
    namespace: options.namespace,
    from: plan.from,
    to: plan.to,
    dryRun: options.dryRun,
    changes: plan.changes.map(({key, label, reason, safePath, fields}) => ({
      key,
      label,
      reason,
      ...(safePath ? {safePath} : {}),
      fields,
    })),
    checks: plan.checks,
    blockers: plan.blockers,
    warnings: plan.warnings,
    helm: {argv: args, command},
    ...extra,
  });
  const gate = {
    done: 'rolled back',
    report,
    hint: 'Each blocker above says what to do instead; an upgrade with the values you want is usually the way.',
  };
  const verdict = await planGate(ctx, options, view, gate);
  if (!verdict) return 0;
  if (!options.yes) {
    const ok = await askConfirm(
      ctx,
      {
        message: `Roll ${options.release} back to revision ${plan.to}${verdict.warnings ? `, accepting ${verdict.warnings} warning(s)` : ''}?`,
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (!ok) throw new CancelledError('Nothing was rolled back.');
  }
  const result = await withProgress<ApplyResult>(
    ctx,
    {
      title: `Rolling back ${options.release} to revision ${plan.to}`,
      steps: [{id: 'helm', title: command}],
      live: ctx.interactive && !options.json,
      onError: (error, store) => {
        store.step('helm', 'failed');
        const message = error instanceof Error ? error.message : String(error);
        return {ok: false, exitCode: 1, cancelled: false, stdout: '', stderr: message, command, argv: []};
      },
    },
    async (store) => {
      store.step('helm', 'running');
      const outcome = await rollbackRelease(target, picked.target.revision, {
        timeout: options.timeout,
        signal: ctx.signal,
        onLine: (line) => store.line(line),
      });
      store.step(
        'helm',
        outcome.ok ? 'done' : 'failed',
        outcome.ok ? undefined : outcome.cancelled ? 'stopped' : `exit ${outcome.exitCode}`,
      );
      return outcome;
    },
  );
  // Read back with a fresh signal: after Ctrl-C the run's own is aborted.
  const signal = AbortSignal.timeout(30_000);
  const after = releaseHealth(await releaseHistory(target, signal));
  const [secretAfter, claimsAfter] = await Promise.all([
    secretMeta(session.conn, options.namespace, secretName),
    listClaims(session.conn, options.namespace, signal),
  ]);
  const verified = verifyKept(fullname, secretName, secretBefore, secretAfter, claimsBefore, claimsAfter);
  const state =
    after.kind === 'none'
      ? ('none' as const)
      : {status: 'status' in after ? after.status : after.kind, revision: after.revision};
  if (options.json) {
    writeJson(
      ctx,
      report({
        ok: result.ok && verified.ok,
        outcome: result.ok ? 'rolled-back' : result.cancelled ? 'cancelled' : 'failed',
        executed: result.argv,
        releaseState: state,
        verified: verified.lines,
      }),
    );
  } else {
    await showResult(
      ctx,
      {
        outcome: result.ok ? 'deployed' : result.cancelled ? 'cancelled' : 'failed',
        mode: 'rollback',
        headline: result.ok
          ? `✔ ${options.release} is back at revision ${plan.to}'s manifest (new revision ${state === 'none' ? '?' : state.revision}) and Ready`
          : `✖ The rollback of ${options.release} to revision ${plan.to} ${result.cancelled ? 'was stopped' : 'failed'}`,
        release: options.release,
        namespace: options.namespace,
        releaseState: state,
        access: [],
        problems: [],
        ...(result.ok ? {} : {helmError: (result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n')}),
        command: result.command,
        verified: verified.lines,
        nextSteps: result.ok ? [`Watch it live: buntime-deploy status ${targetFlags(options)}`] : [],
      },
      {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)},
    );
  }
  if (result.cancelled) throw new CancelledError('Stopped: helm was interrupted (see the release state above).');
  if (!verified.ok)
    throw new ExternalError('The rollback changed data it must never touch (see "Checked" above).', {command});
  return result.ok ? 0 : 1;
}

/** After a rollback: the credentials Secret and every data claim must be exactly the ones from before. */
function verifyKept(
  fullname: string,
  secretName: string,
  before: Awaited<ReturnType<typeof secretMeta>>,
  after: Awaited<ReturnType<typeof secretMeta>>,
  claimsBefore: Parameters<typeof ownedClaims>[1],
  claimsAfter: Parameters<typeof ownedClaims>[1],
): {ok: boolean; lines: string[]} {
  const lines: string[] = [];
  let ok = true;
  if (before) {
    const same = after?.uid === before.uid && after.resourceVersion === before.resourceVersion;
    ok &&= same;
    lines.push(
      same
        ? `✔ Secret ${secretName} unchanged (not managed by helm: the credentials were not rolled back)`
        : `✖ Secret ${secretName} changed during the rollback`,
    );
  }
  const uids = new Map(ownedClaims(fullname, claimsAfter).map((claim) => [claim.name, claim.uid]));
  const mine = ownedClaims(fullname, claimsBefore);
  const changed = mine.filter((claim) => uids.get(claim.name) !== claim.uid).map((claim) => claim.name);
  ok &&= changed.length === 0;
  if (mine.length > 0)
    lines.push(
      changed.length === 0
        ? `✔ ${mine.length} data claim(s) kept with the same UIDs (${mine.map((claim) => claim.name).join(', ')})`
        : `✖ Data claims replaced or gone: ${changed.join(', ')}`,
    );
  return {ok, lines};
}

/** Rollback: refused for a release a GitOps engine owns (unless --force), under the release lock. */
export async function runRollback(options: RollbackOptions, ctx: Context): Promise<number> {
  return guardedOperation(options, ctx, {command: 'rollback', owned: 'rollback', consent: true}, () =>
    runRollbackUnguarded(options, ctx),
  );
}

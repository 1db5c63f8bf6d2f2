import {stringify} from 'yaml';
import {guardedOperation} from '../operate/guarded.js';
import {waitForJob} from '../../adapters/kube/job-wait.js';
import {createClaim, createJob, jobLog} from '../../adapters/kube/jobs.js';
import {discoverRestoreTargets} from '../../adapters/kube/restore-targets.js';
import {scaleStatefulSet, waitForStatefulSet} from '../../adapters/kube/statefulset.js';
import {openTursoData} from '../../adapters/turso-access.js';
import type {Context} from '../../context.js';
import {
  type PlanStep,
  planRestore,
  type RestorePlan,
  type RestoreResult,
  restoreResultFromLog,
} from '../../core/backups/restore-plan.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {renderRestorePlan, stepLine} from '../../ui/backups/index.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {type BackupsTarget, liveNamespaces, openReleaseBackups, type ReleaseBackups} from './access.js';
import {takeFreshBackup} from './fresh-backup.js';

export interface RestoreOptions extends BackupsTarget {
  /** turso-server namespaces to restore; every namespace with a snapshot when empty. */
  readonly names: readonly string[];
  readonly at?: number;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
}

const SCALE_TIMEOUT_MS = 10 * 60_000;
const JOB_TIMEOUT_MS = 65 * 60_000;

interface StepReport {
  readonly id: PlanStep['id'];
  readonly title: string;
  status: 'done' | 'failed' | 'skipped';
  elapsedMs: number;
  notes: string[];
}

/** What was changed so far, so an interrupted or failed restore can be put back or finished by hand. */
interface Progress {
  runtimeReplicas?: number;
  tursoReplicas?: number;
  jobStarted?: string;
  jobDone?: boolean;
}

/**
 * `restore [NS…] [--at TS]`: plan (snapshot per namespace, what is replaced, the steps), then with
 * --yes or a confirmation run the steps with progress (see core/backups/restore-plan.ts). Ctrl-C
 * before the restore Job starts puts the StatefulSets back; after, the Job (all or nothing) is left
 * to finish and the way to finish by hand is printed. Exit 0 restored, 1 failed, 2 bad input, 130.
 */
async function runRestoreUnguarded(options: RestoreOptions, ctx: Context): Promise<number> {
  const out = options.json ? ctx.stderr : ctx.stdout;
  const access = await openReleaseBackups(options, ctx);
  try {
    const targets = await discoverRestoreTargets(access.conn, options.namespace, options.release, access.wiring);
    const [objects, live] = await Promise.all([
      access.bucket.objects(),
      targets.turso.readyReplicas > 0 ? liveNamespaces(access.conn, options.namespace, access.wiring) : undefined,
    ]);
    const outcome = planRestore({
      targets,
      objects,
      namespaces: options.names,
      ...(options.at !== undefined ? {at: options.at} : {}),
      ...(live && 'namespaces' in live
        ? {
            live: live.namespaces.map((item) => ({
              name: item.name,
              ...(item.sizeBytes !== undefined ? {sizeBytes: item.sizeBytes} : {}),
            })),
          }
        : {}),
      now: Date.now(),
    });
    if (!outcome.ok) {
      throw new UserError(`Cannot plan the restore: ${outcome.problems.join(' ')}`, {
        hint: `See the snapshots: buntime-deploy backups list -n ${options.namespace}`,
      });
    }
    const {plan} = outcome;
    if (options.dryRun) {
      if (options.json) ctx.stdout.write(`${JSON.stringify(planJson(plan, undefined), null, 2)}\n`);
      else {
        ctx.stdout.write(renderRestorePlan(plan, ctx.style));
        ctx.stdout.write(`\n${ctx.style.bold('Restore Job')} (dry run: nothing was changed)\n${stringify(plan.job)}`);
      }
      return 0;
    }
    if (!options.json) out.write(renderRestorePlan(plan, ctx.style));
    if (!options.yes) {
      if (!ctx.interactive) {
        throw new UserError('restore would replace databases but there is no terminal to confirm it.', {
          hint: 'Pass --yes to run it, or --dry-run to see the plan and the Job.',
        });
      }
      const confirmed = await askConfirm(ctx, {message: 'Run this restore now?', default: false}, {answer: '--yes'});
      if (!confirmed) throw new CancelledError('Nothing was changed.');
    }
    const steps: StepReport[] = [];
    const progress: Progress = {};
    let result: RestoreResult | undefined;
    try {
      result = await execute(plan, access, ctx, out, steps, progress);
    } catch (error) {
      await recover(error, plan, access, ctx, out, progress);
      if (options.json)
        ctx.stdout.write(
          `${JSON.stringify({...planJson(plan, steps), ok: false, error: (error as Error).message}, null, 2)}\n`,
        );
      throw error;
    }
    if (options.json) ctx.stdout.write(`${JSON.stringify({...planJson(plan, steps), ok: true, result}, null, 2)}\n`);
    else out.write(ctx.style.ok(`\n✔ Restored ${plan.changes.map((change) => change.namespace).join(', ')}.\n`));
    return 0;
  } finally {
    await access.close();
  }
}

function planJson(plan: RestorePlan, steps: readonly StepReport[] | undefined): object {
  return {
    release: plan.targets.release,
    namespace: plan.targets.namespace,
    ...(plan.at !== undefined ? {at: new Date(plan.at).toISOString()} : {}),
    snapshots: plan.changes.map((change) => ({
      namespace: change.namespace,
      key: change.snapshot.key,
      takenAt: new Date(change.snapshot.at).toISOString(),
      size: change.snapshot.size,
      replaces: change.replaces,
    })),
    untouched: plan.untouched,
    steps: plan.steps.map((step) => {
      const ran = steps?.find((report) => report.id === step.id);
      return {
        id: step.id,
        title: step.title,
        details: step.details,
        ...(ran ? {status: ran.status, elapsedMs: ran.elapsedMs, notes: ran.notes} : {}),
      };
    }),
    warnings: plan.warnings,
    job: plan.job,
    ...(plan.claim ? {claim: plan.claim} : {}),
    resetJobs: plan.resetJobs,
  };
}

async function execute(
  plan: RestorePlan,
  access: ReleaseBackups,
  ctx: Context,
  out: NodeJS.WritableStream,
  steps: StepReport[],
  progress: Progress,
): Promise<RestoreResult | undefined> {
  const {conn} = access;
  const {targets} = plan;
  const ns = targets.namespace;
  const signal = ctx.signal;
  const checkAbort = (): void => {
    if (signal.aborted) throw new CancelledError('Stopped.');
  };
  let lastWait = '';
  const wait = (state: string): void => {
    if (state !== lastWait) out.write(stepLine('wait', state, ctx.style));
    lastWait = state;
  };
  let result: RestoreResult | undefined;
  for (const step of plan.steps) {
    checkAbort();
    const started = Date.now();
    const report: StepReport = {id: step.id, title: step.title, status: 'done', elapsedMs: 0, notes: []};
    steps.push(report);
    out.write(stepLine('start', step.title, ctx.style));
    lastWait = '';
    try {
      switch (step.id) {
        case 'backup': {
          const live = await liveNamespaces(conn, ns, access.wiring);
          const fresh = await takeFreshBackup({
            conn,
            namespace: ns,
            cronJob: targets.backup.cronJob,
            bucket: access.bucket,
            liveNamespaces: 'namespaces' in live ? live.namespaces.map((item) => item.name) : undefined,
            signal,
            onStarted: (job) => wait(`Job ${job} started`),
          });
          for (const item of fresh.namespaces) {
            const note = item.key ? `${item.name}: ${item.key}` : `${item.name}: NOT backed up (${item.error})`;
            report.notes.push(note);
            out.write(item.key ? stepLine('wait', note, ctx.style) : ctx.style.warn(`    ! ${note}\n`));
          }
          if (!fresh.ok) {
            report.status = 'failed';
            out.write(ctx.style.warn('    ! The current state is not completely backed up; going on as asked.\n'));
          }
          break;
        }
        case 'scale-down': {
          if (targets.runtime) {
            progress.runtimeReplicas = await scaleStatefulSet(conn, ns, targets.runtime.statefulSet, 0, signal);
          }
          progress.tursoReplicas = await scaleStatefulSet(conn, ns, targets.turso.statefulSet, 0, signal);
          if (targets.runtime)
            await waitForStatefulSet(conn, ns, targets.runtime.statefulSet, {
              replicas: 0,
              timeoutMs: SCALE_TIMEOUT_MS,
              signal,
              onTick: wait,
            });
          await waitForStatefulSet(conn, ns, targets.turso.statefulSet, {
            replicas: 0,
            timeoutMs: SCALE_TIMEOUT_MS,
            signal,
            onTick: wait,
          });
          break;
        }
        case 'claim':
          if (plan.claim) await createClaim(conn, ns, plan.claim);
          break;
        case 'restore-job': {
          const job = await createJob(conn, ns, plan.job);
          progress.jobStarted = job;
          const outcome = await waitForJob(conn, ns, job, {
            timeoutMs: JOB_TIMEOUT_MS,
            signal,
            onTick: (elapsed) => wait(`Job ${job} running (${Math.round(elapsed / 1000)} s)`),
          });
          if (signal.aborted) throw new CancelledError('Stopped.');
          const log = await jobLog(conn, ns, job, 'apply', signal);
          result = log ? restoreResultFromLog(log) : undefined;
          if (outcome.state !== 'succeeded') {
            const fetchLog = result ? undefined : await jobLog(conn, ns, job, 'fetch', signal);
            const why =
              result?.error ?? (fetchLog ? restoreResultFromLog(fetchLog)?.error : undefined) ?? outcome.message;
            throw new ExternalError(`The restore Job ${job} failed: ${why}. Nothing was changed on the volume.`, {
              command: `kubectl -n ${ns} logs job/${job} --all-containers`,
            });
          }
          progress.jobDone = true;
          if (result) {
            for (const item of result.namespaces)
              report.notes.push(
                `${item.namespace}: ${
                  Object.entries(item.tables)
                    .map(([table, rows]) => `${table} ${rows}`)
                    .join(', ') || 'no tables'
                }`,
              );
          } else
            report.notes.push(
              'the Job left no result in its log; the check below only asks that each namespace answers',
            );
          for (const note of report.notes) out.write(stepLine('wait', note, ctx.style));
          break;
        }
        case 'reset-replicas': {
          const jobs = [];
          for (const manifest of plan.resetJobs) jobs.push(await createJob(conn, ns, manifest));
          for (const job of jobs) {
            const outcome = await waitForJob(conn, ns, job, {timeoutMs: SCALE_TIMEOUT_MS, signal});
            if (outcome.state !== 'succeeded')
              throw new ExternalError(`Replica reset Job ${job} failed: ${outcome.message}.`, {
                command: `kubectl -n ${ns} logs job/${job}`,
              });
            report.notes.push(`Job ${job} done`);
          }
          break;
        }
        case 'scale-up-turso':
          await scaleStatefulSet(conn, ns, targets.turso.statefulSet, 1, signal);
          progress.tursoReplicas = undefined;
          await waitForStatefulSet(conn, ns, targets.turso.statefulSet, {
            replicas: 1,
            timeoutMs: SCALE_TIMEOUT_MS,
            signal,
            onTick: wait,
          });
          break;
        case 'verify':
          report.notes.push(...(await verify(plan, access, result)));
          for (const note of report.notes) out.write(stepLine('wait', note, ctx.style));
          break;
        case 'scale-up-runtime':
          if (targets.runtime && progress.runtimeReplicas !== undefined) {
            await scaleStatefulSet(conn, ns, targets.runtime.statefulSet, progress.runtimeReplicas, signal);
            const replicas = progress.runtimeReplicas;
            progress.runtimeReplicas = undefined;
            await waitForStatefulSet(conn, ns, targets.runtime.statefulSet, {
              replicas,
              timeoutMs: SCALE_TIMEOUT_MS,
              signal,
              onTick: wait,
            });
          }
          break;
      }
    } catch (error) {
      report.status = 'failed';
      report.elapsedMs = Date.now() - started;
      out.write(stepLine('failed', `${step.title}: ${(error as Error).message}`, ctx.style, report.elapsedMs));
      throw error;
    }
    report.elapsedMs = Date.now() - started;
    out.write(stepLine(report.status === 'failed' ? 'failed' : 'done', step.title, ctx.style, report.elapsedMs));
  }
  return result;
}

/** Every restored namespace answers through the data port and holds the row counts the Job replayed. */
async function verify(plan: RestorePlan, access: ReleaseBackups, result: RestoreResult | undefined): Promise<string[]> {
  const turso = access.wiring.turso;
  if (!turso) return [];
  const data = await openTursoData(access.conn, plan.targets.namespace, turso);
  const notes: string[] = [];
  const wrong: string[] = [];
  try {
    for (const change of plan.changes) {
      const expected = result?.namespaces.find((item) => item.namespace === change.namespace)?.tables;
      if (!expected) {
        const rows = await data.query(change.namespace, 'SELECT count(*) FROM sqlite_schema');
        notes.push(`${change.namespace}: answers, ${String(rows[0]?.[0]?.value ?? 0)} schema object(s)`);
        continue;
      }
      const counts: string[] = [];
      for (const [table, want] of Object.entries(expected)) {
        const rows = await data.query(change.namespace, `SELECT count(*) FROM "${table.replace(/"/g, '""')}"`);
        const got = Number(rows[0]?.[0]?.value ?? Number.NaN);
        counts.push(`${table} ${got}`);
        if (got !== want) wrong.push(`${change.namespace}.${table} has ${got} row(s), the snapshot ${want}`);
      }
      notes.push(`${change.namespace}: ${counts.join(', ') || 'no tables'} (as replayed)`);
    }
  } finally {
    await data.close();
  }
  if (wrong.length > 0) {
    throw new ExternalError(`The restored data does not match the snapshots: ${wrong.join('; ')}.`, {
      command: `kubectl -n ${plan.targets.namespace} logs ${plan.targets.turso.statefulSet}-0`,
      hint: 'The runtime is left stopped; look at turso-server before starting it.',
    });
  }
  return notes;
}

/** After a failure or Ctrl-C: put back what is safe to put back, and say how to finish by hand. */
async function recover(
  error: unknown,
  plan: RestorePlan,
  access: ReleaseBackups,
  ctx: Context,
  out: NodeJS.WritableStream,
  progress: Progress,
): Promise<void> {
  const {targets} = plan;
  const ns = targets.namespace;
  const k = `kubectl -n ${ns}`;
  const manual: string[] = [];
  const jobRunning = progress.jobStarted !== undefined && !progress.jobDone;
  if (jobRunning && error instanceof CancelledError) {
    out.write(
      ctx.style.warn(`! The restore Job ${progress.jobStarted} keeps running (it replaces all namespaces or none).\n`),
    );
    manual.push(`${k} wait --for=condition=complete job/${progress.jobStarted} --timeout=60m`);
  }
  // The volume is unchanged unless the Job finished; bring the StatefulSets back when nothing runs on it.
  if (!jobRunning || !(error instanceof CancelledError)) {
    if (progress.tursoReplicas !== undefined && !progress.jobDone) {
      await scaleStatefulSet(access.conn, ns, targets.turso.statefulSet, Math.max(1, progress.tursoReplicas)).then(
        () =>
          out.write(
            ctx.style.dim(
              `  scaled ${targets.turso.statefulSet} back to ${Math.max(1, progress.tursoReplicas ?? 1)}\n`,
            ),
          ),
        () => manual.push(`${k} scale statefulset ${targets.turso.statefulSet} --replicas=1`),
      );
      progress.tursoReplicas = undefined;
    }
    if (targets.runtime && progress.runtimeReplicas !== undefined && !progress.jobDone) {
      const replicas = progress.runtimeReplicas;
      await scaleStatefulSet(access.conn, ns, targets.runtime.statefulSet, replicas).then(
        () => out.write(ctx.style.dim(`  scaled ${targets.runtime?.statefulSet} back to ${replicas}\n`)),
        () => manual.push(`${k} scale statefulset ${targets.runtime?.statefulSet} --replicas=${replicas}`),
      );
      progress.runtimeReplicas = undefined;
    }
  }
  if (progress.tursoReplicas !== undefined)
    manual.push(`${k} scale statefulset ${targets.turso.statefulSet} --replicas=1`);
  if (targets.runtime && progress.runtimeReplicas !== undefined)
    manual.push(`${k} scale statefulset ${targets.runtime.statefulSet} --replicas=${progress.runtimeReplicas}`);
  if (manual.length > 0) {
    out.write(ctx.style.warn('! To finish by hand:\n'));
    for (const command of manual) out.write(`    ${command}\n`);
  }
}

/** restore: holds the release lock (restore scales turso-server and the runtime; nobody else may apply meanwhile). */
export async function runRestore(options: RestoreOptions, ctx: Context): Promise<number> {
  return guardedOperation(options, ctx, {command: 'restore'}, () => runRestoreUnguarded(options, ctx));
}

import {waitForJob} from '../../adapters/kube/job-wait.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {createJobFromCronJob} from '../../adapters/kube/workloads.js';
import type {Context} from '../../context.js';
import {CancelledError, ExternalError} from '../../core/errors.js';
import {askConfirm} from '../../ui/prompts/index.js';

/**
 * A fresh backup before something that cannot be undone (uninstall with --delete-data, or any
 * uninstall: the CronJob goes with the release): a Job from the backup CronJob, as
 * `kubectl create job --from=cronjob/…` makes it, waited for. At a terminal it asks first (default
 * yes); headless it runs when `wanted` (--backup). A failed backup stops the run unless the person
 * says to go on.
 */
export async function offerBackup(
  ctx: Context,
  input: {
    readonly conn: KubeConnection;
    readonly namespace: string;
    readonly cronJob: string;
    readonly wanted: boolean;
    readonly verb: string;
  },
): Promise<string | undefined> {
  const ask = ctx.interactive && !input.wanted;
  if (!input.wanted && !ask) {
    ctx.stderr.write(
      `! Backups are configured (CronJob ${input.cronJob}); pass --backup to take a fresh one before the ${input.verb}.\n`,
    );
    return undefined;
  }
  if (
    ask &&
    !(await askConfirm(
      ctx,
      {
        message: `Backups are configured: run one now (a Job from CronJob ${input.cronJob}) and wait for it?`,
        default: true,
      },
      {answer: '--backup'},
    ))
  )
    return undefined;
  const job = await createJobFromCronJob(input.conn, input.namespace, input.cronJob);
  ctx.stderr.write(`… backup Job ${job} started\n`);
  const outcome = await waitForJob(input.conn, input.namespace, job, {timeoutMs: 10 * 60_000, signal: ctx.signal});
  if (outcome.state === 'succeeded') {
    ctx.stderr.write(`✔ backup Job ${job} finished\n`);
    return job;
  }
  const detail = `Backup Job ${job} did not finish: ${outcome.message}.`;
  if (
    ctx.interactive &&
    (await askConfirm(
      ctx,
      {message: `${detail} Go on with the ${input.verb} anyway?`, default: false},
      {answer: '--yes'},
    ))
  )
    return undefined;
  if (ctx.signal.aborted) throw new CancelledError(`Stopped during the backup: nothing was changed.`);
  throw new ExternalError(`${detail} Nothing was changed.`, {
    command: `kubectl -n ${input.namespace} logs job/${job}`,
    hint: `Fix the backup, or run the ${input.verb} without --backup.`,
  });
}

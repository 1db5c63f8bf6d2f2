import {
  listOpaqueSecrets,
  markRootKeyShown,
  readSecretKeyNames,
  rootKeyShown,
} from '../../adapters/kube/credentials-secret.js';
import {credentialsSecretName} from '../../core/credentials/keys.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {mergeValues} from '../../core/values/paths.js';
import type {SecretSources} from '../../ui/wizard/flow/index.js';
import {releaseHistory, rollbackRelease, uninstallRelease, type ApplyResult} from '../../adapters/helm/release.js';
import type {ClusterInfo, OnlineCluster} from '../../adapters/kube/cluster-info.js';
import {waitForJob} from '../../adapters/kube/job-wait.js';
import {type BackupBucket, openBackupBucket} from '../../adapters/backup-bucket.js';
import {createJobFromCronJob, discoverRelease} from '../../adapters/kube/workloads.js';
import type {Context} from '../../context.js';
import {CancelledError} from '../../core/errors.js';
import {detectPreset} from '../../core/presets/detect.js';
import {namespaceNameProblem} from '../../core/names.js';
import {recoveryFor, releaseHealth} from '../../core/upgrade/recovery.js';
import {askConfirm, askSelect, askText} from '../../ui/prompts/index.js';
import {type FlowIo, say} from '../../ui/wizard/flow/index.js';
import {createApplyStore, runApplyScreen, showResult, type WizardAction} from '../../ui/wizard/index.js';
import {liveNamespaces} from '../backups/access.js';
import {takeFreshBackup} from '../backups/fresh-backup.js';
import {runRestore} from '../backups/restore.js';
import {assertReleaseFree, withReleaseLock} from '../lock/release-lock.js';
import {openLiveScreen} from '../status/live.js';
import {applyLocked} from './apply.js';
import {clusterFacts} from './cluster-facts.js';
import type {HelmLookup} from './look.js';
import type {DeployOptions} from './options.js';
import {appliedOutput, helmTarget, loadInputs, readLiveSide} from './prepare.js';
import {liveAccess, resultModel, watchHint} from './result.js';
import {
  askAllQuestions,
  choosePreset,
  keptAnswers,
  keptNote,
  renderOutput,
  reviewLoop,
  startSession,
  writeRendered,
} from './wizard-steps.js';

/**
 * The wizard after the Start screen: status, recovery of a stuck release, or the deploy flow
 * (namespace, preset, questions, Review, Apply, Result, live screen).
 */
export async function continueWizard(
  ctx: Context,
  action: Exclude<WizardAction, 'quit'>,
  options: DeployOptions,
  helm: HelmLookup,
  cluster: ClusterInfo,
): Promise<number> {
  switch (action) {
    case 'status':
      return openLiveScreen(options, ctx);
    case 'restore':
      // The same service as `buntime-deploy restore`: the plan, a confirmation, then the steps.
      return runRestore(
        {
          release: options.release,
          namespace: options.namespace,
          ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
          names: [],
          yes: false,
          dryRun: false,
          json: false,
        },
        ctx,
      );
    case 'recover':
      if (!cluster.online || !helm.found) return 1;
      return recover(ctx, options, helm, cluster);
    case 'render':
    case 'install':
    case 'upgrade':
    case 'export':
      return deploy(ctx, options, action, helm, cluster.online ? cluster : undefined);
    case 'history':
    case 'restart':
    case 'plugins':
    case 'uninstall': {
      const {operateAction} = await import('../operate/wizard.js');
      return operateAction(ctx, action, {
        ...options,
        ...(helm.found ? {helmPath: helm.helm.path} : {}),
        yes: false,
        dryRun: false,
        json: false,
      });
    }
  }
}

/** Day zero without --namespace: pick one of the cluster's namespaces, or a new one. */
export async function chooseNamespace(
  io: FlowIo,
  options: DeployOptions,
  cluster: OnlineCluster,
): Promise<DeployOptions> {
  const taken = new Set(cluster.releases.map((release) => release.namespace));
  const system = (name: string): boolean => name.startsWith('kube-') || name === 'default';
  const existing = cluster.namespaces.filter((name) => !taken.has(name) && !system(name) && name !== options.namespace);
  const choices = [
    {
      value: options.namespace,
      name: `${options.namespace} ${cluster.namespace.exists ? '(exists)' : '(will be created)'}`,
    },
    ...existing.map((name) => ({value: name, name: `${name} (exists)`})),
    {value: '', name: 'another one (type its name)…'},
  ];
  let namespace = await askSelect(
    io,
    {message: 'Namespace', choices, default: options.namespace},
    {answer: '--namespace'},
  );
  if (namespace === '') {
    namespace = await askText(
      io,
      {
        message: 'Namespace name',
        validate: (value) => {
          const problem = namespaceNameProblem(value);
          return problem ? `The name ${problem}` : true;
        },
      },
      {answer: '--namespace'},
    );
  }
  return {...options, namespace};
}

async function deploy(
  ctx: Context,
  requested: DeployOptions,
  action: 'install' | 'upgrade' | 'render' | 'export',
  helm: HelmLookup,
  cluster: OnlineCluster | undefined,
): Promise<number> {
  const exporting = action === 'export';
  const options =
    action === 'install' && cluster && !requested.namespaceGiven
      ? await chooseNamespace(ctx, requested, cluster)
      : requested;
  // An export plans like an install, or like an upgrade of the live release it hands over.
  const installed = cluster?.releases.some(
    (found) => found.name === options.release && found.namespace === options.namespace,
  );
  const mode = exporting ? (installed && helm.found ? 'upgrade' : 'install') : action;
  const guess = cluster
    ? detectPreset({
        serverVersion: cluster.serverVersion,
        namespaces: cluster.namespaces,
        storageClasses: cluster.storageClasses,
      })
    : undefined;
  const preset = options.preset ?? (await choosePreset(ctx, mode === 'upgrade', guess));
  const {inputs, chartDisplay} = await loadInputs(options, ctx, preset);
  // An export references the credentials Secret even without a cluster: the values are for git.
  const online = exporting || (mode !== 'render' && cluster !== undefined && helm.found);
  const side = cluster && helm.found ? await readLiveSide(options, cluster, helm.helm, inputs, ctx) : undefined;
  const live = mode === 'upgrade' ? side?.live : undefined;
  const facts = cluster ? clusterFacts(cluster) : undefined;
  const existing = online ? (side?.credentials ?? {}) : {};
  const kept = mode === 'install' ? (side?.kept ?? []) : [];
  const adopted = keptAnswers(inputs, options, kept, facts);
  const session = startSession(inputs, live, adopted);
  for (const note of inputs.preset?.notes ?? []) say(ctx, ctx.style.dim(`note: ${note}`));
  if (kept.length > 0) keptNote(ctx, options.release, kept, adopted, side?.secretExists === true);
  const secrets: SecretSources | undefined =
    online && cluster
      ? {
          own: credentialsSecretName(
            side?.live?.fullname ??
              chartFullname(options.release, mergeValues(inputs.chartDefaults, inputs.preset?.values ?? {})),
          ),
          list: () => listOpaqueSecrets(cluster.connection, options.namespace),
          keys: (name) => readSecretKeyNames(cluster.connection, options.namespace, name),
        }
      : undefined;
  const ask = (focus?: readonly string[]): Promise<Awaited<ReturnType<typeof askAllQuestions>>> =>
    askAllQuestions(ctx, session, mode, facts, existing, secrets, focus);
  const typed = await ask();
  const chart = {dir: inputs.chartDir, display: chartDisplay};
  const output = exporting
    ? {values: 'values.yaml', secrets: '', chart: chartDisplay}
    : online && cluster
      ? await appliedOutput(options, ctx, chart, cluster.context)
      : renderOutput(options, chart);
  const reviewed = await reviewLoop(
    ctx,
    {
      mode,
      // The wizard takes the pre-upgrade backup itself, as part of the Review's one yes.
      backupFirst: mode === 'upgrade' && !exporting,
      release: options.release,
      namespace: options.namespace,
      ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
      inputs,
      output,
      ...(facts ? {cluster: facts} : {}),
      ...(live ? {live} : mode === 'install' && side ? {kept: side.kept} : {}),
      existingCredentials: existing,
      online,
      ...(helm.found ? {helm: helm.helm} : {}),
      ...(online && cluster
        ? {secretKeys: (name: string) => readSecretKeyNames(cluster.connection, options.namespace, name)}
        : {}),
      timeout: options.timeout,
      env: ctx.env,
      signal: ctx.signal,
    },
    session,
    typed,
    ask,
    {exportOnly: exporting},
  );
  const {plan, backup} = reviewed;
  if (reviewed.next === 'export') {
    const {exportFromWizard} = await import('../gitops/wizard-export.js');
    return exportFromWizard(ctx, {
      plan,
      request: reviewed.request,
      inputs,
      options,
      helm: helm.found ? helm.helm : undefined,
    });
  }
  if (mode === 'render' || !online || !cluster || !helm.found)
    return writeRendered(ctx, plan, options, inputs.chartDir);

  const outcome = await applyLocked(ctx, {
    plan,
    mode,
    target: options,
    helm: helm.helm,
    chartDir: inputs.chartDir,
    connection: cluster.connection,
    live: true,
    expected: side?.live?.health ?? {kind: 'none'},
    // The pre-upgrade backup runs under the lock too: nobody upgrades between it and helm.
    ...(backup ? {before: () => backupFirst(ctx, cluster, options, `${plan.fullname}-turso-backup`)} : {}),
  });
  const ref = {namespace: options.namespace, name: plan.secretName, release: options.release};
  const showKey =
    mode === 'install' &&
    outcome.outcome === 'deployed' &&
    Boolean(plan.credentials.rootKey) &&
    !(await rootKeyShown(cluster.connection, ref));
  const access =
    outcome.outcome === 'deployed'
      ? await liveAccess(cluster.connection, options.namespace, plan.fullname, plan.render.values)
      : [];
  const next = outcome.outcome === 'deployed' ? [watchHint(options)] : [];
  if (
    mode === 'upgrade' &&
    outcome.outcome === 'deployed' &&
    plan.upgrade.checks.some((check) => check.id === 'api-keys-reset')
  ) {
    next.unshift(
      'Sign in to the cpanel with the root key and re-create the API keys (the local ones did not move into the sync namespace).',
    );
  }
  const result = resultModel({
    outcome,
    mode,
    release: options.release,
    namespace: options.namespace,
    access,
    ...(showKey && plan.credentials.rootKey ? {rootKey: plan.credentials.rootKey} : {}),
    secretRef: `Secret ${options.namespace}/${plan.secretName}`,
    nextSteps: next,
    command: plan.helm.command,
  });
  await showResult(ctx, result, {columns: ctx.stdout.columns ?? 100, page: true});
  if (showKey) await markRootKeyShown(cluster.connection, ref, new Date());
  if (outcome.outcome === 'cancelled')
    throw new CancelledError('Stopped: helm was interrupted (the release state is shown above).');
  if (outcome.outcome !== 'deployed') return 1;
  if (
    await askConfirm(
      ctx,
      {message: 'Open the live status screen (pods, databases, backups)?', default: true},
      {answer: 'buntime-deploy status'},
    )
  ) {
    await openLiveScreen(options, ctx);
  }
  return 0;
}

/**
 * Before an upgrade of a release that has backups, once the Review's yes included it: a fresh
 * backup (a Job from the CronJob), awaited, so a bad upgrade never meets a day-old backup. It counts
 * only when a new snapshot of every live namespace reached the bucket: a Job can succeed and still
 * have uploaded nothing. The only question here is for a backup that did not complete.
 */
async function backupFirst(
  ctx: Context,
  cluster: OnlineCluster,
  options: DeployOptions,
  cronJob: string,
): Promise<void> {
  const outcome = await freshBackupForUpgrade(ctx, cluster.connection, options, cronJob);
  if (outcome.ok) {
    say(ctx, ctx.style.ok(`  ✔ Backup ${outcome.job} finished: ${outcome.detail}`));
    return;
  }
  say(ctx, ctx.style.error(`  ✖ Backup ${outcome.job ?? ''} is not complete: ${outcome.detail}`));
  if (outcome.job) say(ctx, ctx.style.dim(`    kubectl -n ${options.namespace} logs job/${outcome.job}`));
  if (!(await askConfirm(ctx, {message: 'Upgrade anyway, without a fresh backup?', default: false}, {answer: '--yes'})))
    throw new CancelledError('Nothing was applied.');
}

/** The Job, then the bucket's word on every live namespace (see services/backups/fresh-backup). */
async function freshBackupForUpgrade(
  ctx: Context,
  conn: OnlineCluster['connection'],
  options: DeployOptions,
  cronJob: string,
): Promise<{ok: boolean; job?: string; detail: string}> {
  const wiring = await discoverRelease(conn, options.namespace, options.release);
  let bucket: BackupBucket | undefined;
  try {
    bucket = wiring.backup ? await openBackupBucket(conn, options.namespace, wiring.backup) : undefined;
  } catch (error) {
    say(ctx, ctx.style.warn(`  ! Cannot read the bucket to check the backup: ${(error as Error).message}`));
  }
  try {
    if (!bucket) {
      // Without the bucket, the Job's own verdict is all there is.
      const job = await createJobFromCronJob(conn, options.namespace, cronJob);
      say(ctx, ctx.style.dim(`  Job ${job} started…`));
      const outcome = await waitForJob(conn, options.namespace, job, {timeoutMs: 10 * 60_000, signal: ctx.signal});
      return outcome.state === 'succeeded'
        ? {ok: true, job, detail: 'the Job succeeded (the bucket was not checked)'}
        : {ok: false, job, detail: outcome.message};
    }
    const live = await liveNamespaces(conn, options.namespace, wiring);
    if ('error' in live) say(ctx, ctx.style.warn(`  ! turso-server's namespaces are unknown: ${live.error}`));
    const fresh = await takeFreshBackup({
      conn,
      namespace: options.namespace,
      cronJob,
      bucket,
      liveNamespaces: 'namespaces' in live ? live.namespaces.map((item) => item.name) : undefined,
      signal: ctx.signal,
      onStarted: (job) => say(ctx, ctx.style.dim(`  Job ${job} started…`)),
    });
    for (const item of fresh.namespaces)
      say(
        ctx,
        item.key ? ctx.style.dim(`    ${item.name}: ${item.key}`) : ctx.style.error(`    ${item.name}: ${item.error}`),
      );
    const whose = fresh.checked === 'live' ? 'live namespace' : 'namespace the bucket already had';
    if (fresh.ok)
      return {
        ok: true,
        job: fresh.job,
        detail:
          fresh.namespaces.length > 0
            ? `a new snapshot of each ${whose} (${fresh.namespaces.length}) is in ${bucket.bucket}`
            : `the Job succeeded; no namespace was known to check in ${bucket.bucket}`,
      };
    const missing = fresh.namespaces.filter((item) => !item.key).map((item) => item.name);
    return {
      ok: false,
      job: fresh.job,
      detail:
        fresh.jobState !== 'succeeded'
          ? (fresh.jobMessage ?? fresh.jobState)
          : `no new snapshot of ${missing.join(', ')} reached ${bucket.bucket}`,
    };
  } finally {
    await bucket?.close();
  }
}

async function recover(
  ctx: Context,
  options: DeployOptions,
  helm: Extract<HelmLookup, {found: true}>,
  cluster: OnlineCluster,
): Promise<number> {
  const target = helmTarget(options, helm.helm, ctx);
  const lock = {connection: cluster.connection, namespace: options.namespace, release: options.release};
  // A release pending because another run is working on it is not stuck: never offer to roll it back.
  await assertReleaseFree(lock, ctx.signal);
  const health = releaseHealth(await releaseHistory(target, ctx.signal));
  const offer = recoveryFor(health, options, {path: helm.helm.path, timeout: options.timeout});
  if (!offer) {
    say(ctx, ctx.style.ok('The release is not stuck any more; nothing to recover.'));
    return 0;
  }
  say(ctx, offer.explanation);
  say(ctx, ctx.style.dim(`  ${offer.command}`));
  say(ctx, ctx.style.dim('  Make sure no other helm (CI job, colleague) is working on this release right now.'));
  if (
    !(await askConfirm(
      ctx,
      {
        message:
          offer.action === 'rollback'
            ? `Roll back to revision ${offer.revision}?`
            : 'Uninstall the stuck release (PVCs are kept)?',
        default: false,
      },
      {answer: offer.command},
    ))
  ) {
    throw new CancelledError('Nothing was changed.');
  }
  const store = createApplyStore([{id: 'helm', title: offer.command}]);
  const step = {timeout: options.timeout, signal: ctx.signal, onLine: (line: string) => store.line(line)};
  const result = await withReleaseLock(
    ctx,
    {...lock, command: offer.action === 'rollback' ? 'recover (rollback)' : 'recover (uninstall)'},
    () =>
      runApplyScreen<ApplyResult>(ctx, {
        store,
        title: 'Recovering',
        work: async () => {
          store.step('helm', 'running');
          // A second Ctrl-C while helm recovers is answered, not obeyed (see Context.holdInterrupts).
          const unhold = ctx.holdInterrupts?.(() => store.stillStopping());
          try {
            const outcome = await (offer.action === 'rollback'
              ? rollbackRelease(target, offer.revision as number, step)
              : uninstallRelease(target, step));
            store.step('helm', outcome.ok ? 'done' : 'failed');
            return outcome;
          } finally {
            unhold?.();
          }
        },
        onError: (error) => {
          store.step('helm', 'failed');
          const message = error instanceof Error ? error.message : String(error);
          return {
            ok: false,
            exitCode: 1,
            cancelled: false,
            stdout: '',
            stderr: message,
            command: offer.command,
            argv: [],
          };
        },
      }),
  );
  const after = releaseHealth(await releaseHistory(target, AbortSignal.timeout(30_000)));
  const state =
    after.kind === 'none'
      ? ('none' as const)
      : {status: 'status' in after ? after.status : after.kind, revision: after.revision};
  await showResult(
    ctx,
    {
      outcome: result.ok ? 'deployed' : 'failed',
      headline: result.ok
        ? `✔ Recovered: ${options.release} is no longer stuck`
        : `✖ The recovery of ${options.release} failed`,
      mode: 'upgrade',
      release: options.release,
      namespace: options.namespace,
      releaseState: state,
      access: [],
      problems: [],
      ...(result.ok
        ? {}
        : {
            helmError: (result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n'),
          }),
      nextSteps: result.ok ? ['Run the wizard again to install or upgrade.'] : [],
    },
    {columns: ctx.stdout.columns ?? 100, page: true},
  );
  return result.ok ? 0 : 1;
}

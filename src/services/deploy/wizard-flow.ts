import {createElement} from 'react';
import {markRootKeyShown, rootKeyShown} from '../../adapters/kube/credentials-secret.js';
import {releaseHistory, rollbackRelease, uninstallRelease, type ApplyResult} from '../../adapters/helm/release.js';
import type {ClusterInfo, OnlineCluster} from '../../adapters/kube/cluster-info.js';
import type {Context} from '../../commands/context.js';
import {createRedactor} from '../../core/values/secrets.js';
import {CancelledError} from '../../core/errors.js';
import {recoveryFor, releaseHealth} from '../../core/upgrade/recovery.js';
import {printScreen, runInk} from '../../ui/ink-run.js';
import {askConfirm, askSelect, askText} from '../../ui/prompts/ask.js';
import {waitForJob} from '../../adapters/kube/job-wait.js';
import {createJobFromCronJob} from '../../adapters/kube/workloads.js';
import {createApplyStore} from '../../ui/wizard/apply-store.js';
import {ApplyScreen} from '../../ui/wizard/ApplyScreen.js';
import {say, type FlowIo} from '../../ui/wizard/flow/io.js';
import {ResultScreen} from '../../ui/wizard/ResultScreen.js';
import type {WizardAction} from '../../ui/wizard/start-model.js';
import {APPLY_STEPS, applyPlan, type ApplyOutcome} from './apply.js';
import {clusterFacts} from './cluster-facts.js';
import type {DeployOptions} from './options.js';
import type {HelmLookup} from './look.js';
import {helmTarget, loadInputs, readLiveSide} from './prepare.js';
import {liveAccess, resultModel} from './result.js';
import {askAllQuestions, choosePreset, reviewLoop, startSession, writeRendered} from './wizard-steps.js';

/**
 * The wizard after the Start screen: status, recovery of a stuck release, or the deploy flow
 * (namespace, preset, questions, Review, Apply, Result, live screen).
 */
export async function continueWizard(
  io: FlowIo,
  ctx: Context,
  action: Exclude<WizardAction, 'quit'>,
  options: DeployOptions,
  helm: HelmLookup,
  cluster: ClusterInfo,
): Promise<number> {
  switch (action) {
    case 'status':
      return (await import('../../commands/status.js')).openLiveScreen(
        {
          namespace: options.namespace,
          release: options.release,
          ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
        },
        ctx,
      );
    case 'recover':
      if (!cluster.online || !helm.found) return 1;
      return recover(io, ctx, options, helm);
    case 'render':
    case 'install':
    case 'upgrade':
      return deploy(io, ctx, options, action, helm, cluster.online ? cluster : undefined);
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
        validate: (value) =>
          /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) && value.length <= 63
            ? true
            : 'Lowercase letters, digits and dashes (at most 63)',
      },
      {answer: '--namespace'},
    );
  }
  return {...options, namespace};
}

async function deploy(
  io: FlowIo,
  ctx: Context,
  requested: DeployOptions,
  mode: 'install' | 'upgrade' | 'render',
  helm: HelmLookup,
  cluster: OnlineCluster | undefined,
): Promise<number> {
  const options =
    mode === 'install' && cluster && !requested.namespaceGiven
      ? await chooseNamespace(io, requested, cluster)
      : requested;
  const preset = options.preset ?? (await choosePreset(io, ctx, mode === 'upgrade'));
  const {inputs, chartDisplay} = await loadInputs(options, ctx, preset);
  const online = mode !== 'render' && cluster !== undefined && helm.found;
  const side = cluster && helm.found ? await readLiveSide(options, cluster, helm.helm, inputs, ctx) : undefined;
  const live = mode === 'upgrade' ? side?.live : undefined;
  const facts = cluster ? clusterFacts(cluster) : undefined;
  const existing = online ? (side?.credentials ?? {}) : {};
  const session = startSession(inputs, live);
  for (const note of inputs.preset?.notes ?? []) say(io, io.style.dim(`note: ${note}`));
  const ask = (): Promise<Awaited<ReturnType<typeof askAllQuestions>>> =>
    askAllQuestions(io, session, mode, facts, existing);
  const typed = await ask();
  const plan = await reviewLoop(
    io,
    ctx,
    {
      mode,
      release: options.release,
      namespace: options.namespace,
      ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
      inputs,
      chartDisplay,
      ...(facts ? {cluster: facts} : {}),
      ...(live ? {live} : {}),
      existingCredentials: existing,
      online,
      ...(helm.found ? {helm: helm.helm} : {}),
      timeout: options.timeout,
      env: ctx.env,
      signal: ctx.signal,
    },
    session,
    typed,
    ask,
  );
  if (mode === 'render' || !online || !cluster || !helm.found)
    return writeRendered(ctx, io, plan, options, chartDisplay);

  if (plan.upgrade.checks.some((check) => check.action === 'backup-first'))
    await backupFirst(io, ctx, cluster, options, `${plan.fullname}-turso-backup`);
  const redact = createRedactor(plan.secretStrings);
  const store = createApplyStore(
    APPLY_STEPS.map((step) => (step.id === 'namespace' ? {...step, title: `Namespace ${options.namespace}`} : step)),
  );
  const outcome = await runInk<ApplyOutcome>(ctx, (finish) => {
    void applyPlan({
      plan,
      helm: helm.helm,
      release: options.release,
      namespace: options.namespace,
      ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
      chartDir: inputs.chartDir,
      connection: cluster.connection,
      env: ctx.env,
      timeout: options.timeout,
      store,
      redact,
      signal: ctx.signal,
    }).then(finish, (error: unknown) =>
      finish({
        outcome: 'failed',
        problems: [],
        helmError: redact(error instanceof Error ? error.message : String(error)),
      }),
    );
    return createElement(ApplyScreen, {
      store,
      title: `${mode === 'install' ? 'Installing' : 'Upgrading'} ${options.release}`,
    });
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
  const next =
    outcome.outcome === 'deployed'
      ? [
          `Watch it live: buntime-deploy status -n ${options.namespace}${options.release === 'buntime' ? '' : ` --release ${options.release}`}`,
        ]
      : [];
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
  });
  await printScreen(ctx, createElement(ResultScreen, {model: result}), ctx.stdout.columns ?? 100);
  if (showKey) await markRootKeyShown(cluster.connection, ref, new Date());
  if (outcome.outcome === 'cancelled')
    throw new CancelledError('Stopped: helm was interrupted (the release state is shown above).');
  if (outcome.outcome !== 'deployed') return 1;
  if (
    await askConfirm(
      io,
      {message: 'Open the live status screen (pods, databases, backups)?', default: true},
      {answer: 'buntime-deploy status'},
    )
  ) {
    await (await import('../../commands/status.js')).openLiveScreen(
      {
        namespace: options.namespace,
        release: options.release,
        ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
      },
      ctx,
    );
  }
  return 0;
}

/**
 * Before an upgrade of a release that has backups: offer a fresh one (a Job from the CronJob) and
 * wait for it, so a bad upgrade never meets a day-old backup.
 */
async function backupFirst(
  io: FlowIo,
  ctx: Context,
  cluster: OnlineCluster,
  options: DeployOptions,
  cronJob: string,
): Promise<void> {
  say(io, io.style.warn('! This release has backups: take a fresh one before the upgrade changes anything.'));
  if (
    !(await askConfirm(
      io,
      {message: `Run a backup now (a Job from CronJob ${cronJob}) and wait for it?`, default: true},
      {answer: '--yes'},
    ))
  ) {
    if (!(await askConfirm(io, {message: 'Upgrade without a fresh backup?', default: false}, {answer: '--yes'})))
      throw new CancelledError('Nothing was applied.');
    return;
  }
  const job = await createJobFromCronJob(cluster.connection, options.namespace, cronJob);
  say(io, io.style.dim(`  Job ${job} started…`));
  const outcome = await waitForJob(cluster.connection, options.namespace, job, {
    timeoutMs: 10 * 60_000,
    signal: ctx.signal,
  });
  if (outcome.state === 'succeeded') {
    say(io, io.style.ok(`  ✔ Backup ${job} finished.`));
    return;
  }
  say(io, io.style.error(`  ✖ Backup ${job} did not finish: ${outcome.message}`));
  say(io, io.style.dim(`    kubectl -n ${options.namespace} logs job/${job}`));
  if (!(await askConfirm(io, {message: 'Upgrade anyway, without a fresh backup?', default: false}, {answer: '--yes'})))
    throw new CancelledError('Nothing was applied.');
}

async function recover(
  io: FlowIo,
  ctx: Context,
  options: DeployOptions,
  helm: Extract<HelmLookup, {found: true}>,
): Promise<number> {
  const target = helmTarget(options, helm.helm, ctx);
  const health = releaseHealth(await releaseHistory(target, ctx.signal));
  const offer = recoveryFor(health, options.release, options.namespace);
  if (!offer) {
    say(io, io.style.ok('The release is not stuck any more; nothing to recover.'));
    return 0;
  }
  say(io, offer.explanation);
  say(io, io.style.dim(`  ${offer.command}`));
  say(io, io.style.dim('  Make sure no other helm (CI job, colleague) is working on this release right now.'));
  if (
    !(await askConfirm(
      io,
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
  const result = await runInk<ApplyResult>(ctx, (finish) => {
    store.step('helm', 'running');
    void (
      offer.action === 'rollback'
        ? rollbackRelease(target, offer.revision as number, step)
        : uninstallRelease(target, step)
    ).then((outcome) => {
      store.step('helm', outcome.ok ? 'done' : 'failed');
      finish(outcome);
    });
    return createElement(ApplyScreen, {store, title: 'Recovering'});
  });
  const after = releaseHealth(await releaseHistory(target, AbortSignal.timeout(30_000)));
  const state =
    after.kind === 'none'
      ? ('none' as const)
      : {status: 'status' in after ? after.status : after.kind, revision: after.revision};
  await printScreen(
    ctx,
    createElement(ResultScreen, {
      model: {
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
        ...(result.ok ? {} : {helmError: (result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n')}),
        nextSteps: result.ok ? ['Run the wizard again to install or upgrade.'] : [],
      },
    }),
    ctx.stdout.columns ?? 100,
  );
  return result.ok ? 0 : 1;
}

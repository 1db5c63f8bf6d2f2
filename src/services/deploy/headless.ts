import {readSecretKeyNames, rootKeyShown} from '../../adapters/kube/credentials-secret.js';
import type {Context} from '../../context.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {ownerSentence, refuseOwned, releaseOwner} from '../gitops/guard.js';
import {reviewVerdict, showReview, showResult} from '../../ui/wizard/index.js';
import {assertReleaseFree} from '../lock/release-lock.js';
import {applyLocked, type ApplyOutcome} from './apply.js';
import {inspect, lookupHelm} from './look.js';
import type {DeployOptions} from './options.js';
import {readHelmRelease} from './live.js';
import {buildPlan, type DeployPlan, prerenderChart} from './plan.js';
import {appliedOutput, helmTarget, loadInputs, readLiveSide} from './prepare.js';
import {liveAccess, resultModel, watchHint} from './result.js';

export interface HeadlessOptions extends DeployOptions {
  /** Apply without asking (warnings accepted). */
  readonly yes: boolean;
  /** Plan, validate and print the review; change nothing. */
  readonly dryRun: boolean;
  readonly json: boolean;
}

/** The machine-readable report of install/upgrade --json (no secret values anywhere in it). */
function jsonReport(
  mode: string,
  options: HeadlessOptions,
  plan: DeployPlan,
  applied: ApplyOutcome | undefined,
): object {
  const verdict = reviewVerdict(plan.review);
  return {
    ok: verdict.errors === 0 && (applied ? applied.outcome === 'deployed' : true),
    mode,
    release: options.release,
    namespace: options.namespace,
    dryRun: options.dryRun,
    review: {
      values: plan.review.valuesYaml,
      rules: plan.review.rules,
      checks: plan.review.checks,
      changes: plan.review.changes.map(({key, label, reason, safePath, fixes, fields}) => ({
        key,
        label,
        reason,
        ...(safePath ? {safePath} : {}),
        ...(fixes?.length ? {fixes} : {}),
        fields,
      })),
      blockers: plan.review.blockers,
      warnings: plan.review.warnings,
      fixes: plan.upgrade.fixes,
      credentials: plan.review.credentials,
      secretsAt: plan.review.secretsAt,
      command: plan.review.command,
    },
    // What helm is given: the argv (after the helm binary) and the files it names. After a real
    // apply the files exist, so `command` can be re-run by hand.
    helm: {argv: plan.helm.args, command: plan.helm.command, files: plan.helm.files, chart: plan.helm.chart},
    outcome: applied ? applied.outcome : options.dryRun ? 'dry-run' : 'not-applied',
    ...(applied?.result ? {executed: applied.result.argv} : {}),
    ...(applied?.releaseState ? {releaseState: applied.releaseState} : {}),
    ...(applied?.recovery ? {recovery: applied.recovery} : {}),
    ...(applied ? {problems: applied.problems} : {}),
  };
}

/**
 * install/upgrade without prompts: the same plan and Review as the wizard, then apply only with
 * --yes (or a yes typed at a terminal). Exit 0 applied, 1 helm failed, 2 blocked/bad input, 130 stopped.
 */
export async function runHeadless(
  requested: 'install' | 'upgrade',
  options: HeadlessOptions,
  ctx: Context,
): Promise<number> {
  const {yes, dryRun, json} = options;
  if (!yes && !dryRun && !ctx.interactive) {
    throw new UserError(`'${requested}' would apply changes but there is no terminal to confirm them.`, {
      hint: 'Pass --yes to apply (warnings accepted), or --dry-run to only plan and print the review.',
    });
  }
  // Nothing read before the plan depends on anything else read before it, and none of it changes
  // anything: the answers files, helm, the cluster, what helm knows of the release, and a first
  // `helm template` of the answers as they stand are all started at once. Failures are still
  // reported in the order below (bad input first, then helm, then the cluster).
  const inputsRead = loadInputs(options, ctx);
  const helmFound = lookupHelm(options, ctx);
  const clusterRead = inspect(options, ctx, {releases: false});
  const releaseRead = helmFound.then((found) =>
    found.found ? readHelmRelease(helmTarget(options, found.helm, ctx), ctx.signal) : undefined,
  );
  const prerendered = Promise.all([inputsRead, helmFound]).then(([{inputs}, found]) =>
    found.found
      ? prerenderChart({
          mode: requested,
          release: options.release,
          namespace: options.namespace,
          inputs,
          existingCredentials: {},
          online: true,
          helm: found.helm,
          timeout: options.timeout,
          env: ctx.env,
          signal: ctx.signal,
        })
      : undefined,
  );
  // Which GitOps engine owns the release (if any), read while the rest loads.
  const ownerRead = clusterRead.then((found) =>
    found.online ? releaseOwner(found.connection, options.namespace, options.release, ctx.signal) : undefined,
  );
  for (const started of [clusterRead, releaseRead, prerendered, ownerRead]) started.catch(() => undefined);
  const {inputs, chartDisplay} = await inputsRead;
  const helmLookup = await helmFound;
  if (!helmLookup.found)
    throw new ExternalError(helmLookup.reason, {command: options.helmPath ?? 'helm', hint: helmLookup.hint});
  const cluster = await clusterRead;
  if (!cluster.online) {
    // Same exit codes as `status`: no kubeconfig is the user's to fix (2), a cluster that does not answer a failure (1).
    if (cluster.kind === 'no-kubeconfig')
      throw new UserError(cluster.reason, {
        hint: `${cluster.hint} 'buntime-deploy render' writes the values and the helm command without a cluster.`,
      });
    throw new ExternalError(cluster.reason, {
      command: `kubectl cluster-info${options.kubeContext ? ` --context ${options.kubeContext}` : ''}`,
      hint: `${cluster.hint} 'buntime-deploy render' writes the values and the helm command without a cluster.`,
    });
  }
  // A release Flux, Argo CD, k3s or Fleet owns is changed in git (export), not here, unless --force.
  const owner = await ownerRead;
  refuseOwned(owner, {
    action: requested,
    release: options.release,
    namespace: options.namespace,
    force: options.force === true,
  });
  if (owner) ctx.stderr.write(`${ctx.style.warn('!')} --force: changing a release ${ownerSentence(owner)}.\n`);
  const side = await readLiveSide(options, cluster, helmLookup.helm, inputs, ctx, releaseRead);
  if (side.live?.health.kind === 'pending') {
    // Pending because another run is at work right now (it holds the lock): say so, and never
    // advise rolling back someone else's upgrade.
    await assertReleaseFree(
      {connection: cluster.connection, namespace: options.namespace, release: options.release},
      ctx.signal,
    );
    const {recoveryFor} = await import('../../core/upgrade/recovery.js');
    const offer = recoveryFor(side.live.health, options, {path: helmLookup.helm.path, timeout: options.timeout});
    throw new ExternalError(
      `Release ${options.release} is stuck in ${side.live.health.status} (revision ${side.live.health.revision}); helm refuses changes until it is recovered.`,
      {
        command: `helm history ${options.release} -n ${options.namespace}`,
        hint: offer
          ? `${offer.explanation} If a helm outside buntime-deploy may still be running on it, wait for that first. Run: ${offer.command} — or run the wizard, which offers it.`
          : undefined,
      },
    );
  }
  if (requested === 'upgrade' && !side.live) {
    throw new UserError(
      `Release ${options.release} is not installed in namespace ${options.namespace}: nothing to upgrade.`,
      {
        hint: `Use 'buntime-deploy install' for day zero, or check --release/--namespace/--kube-context.`,
      },
    );
  }
  const mode = side.live ? 'upgrade' : 'install';
  const plan = await buildPlan({
    mode,
    release: options.release,
    namespace: options.namespace,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    inputs,
    output: await appliedOutput(options, ctx, {dir: inputs.chartDir, display: chartDisplay}, cluster.context),
    ...(await prerendered.then(
      (chart) => (chart ? {prerendered: chart} : {}),
      () => ({}),
    )),
    cluster: side.facts,
    ...(side.live ? {live: side.live} : {kept: side.kept}),
    existingCredentials: side.credentials,
    online: true,
    helm: helmLookup.helm,
    secretKeys: (name) => readSecretKeyNames(cluster.connection, options.namespace, name),
    timeout: options.timeout,
    env: ctx.env,
    signal: ctx.signal,
  });
  const verdict = reviewVerdict(plan.review);
  const columns = ctx.stdout.columns ?? 100;
  // Paged only for a person who will answer the next question (not --yes, --dry-run or pipes).
  const page = ctx.interactive && !yes && !dryRun;
  if (!json && (await showReview(ctx, plan.review, {columns, page})) === 'quit')
    throw new CancelledError('Nothing was applied.');
  if (verdict.errors > 0 || dryRun) {
    if (json) ctx.stdout.write(`${JSON.stringify(jsonReport(mode, options, plan, undefined), null, 2)}\n`);
    if (verdict.errors > 0) {
      throw new UserError(`${verdict.errors} blocking problem(s): nothing was applied.`, {
        hint: plan.upgrade.fixes.length
          ? `Safe fixes: ${plan.upgrade.fixes.map((fix) => `${fix.path}=${String(fix.value)}`).join(', ')} (put them in the answers file).`
          : 'Fix the problems listed in the review and run again.',
      });
    }
    return 0;
  }
  if (!yes) {
    const ok = await askConfirm(
      ctx,
      {
        message: verdict.warnings > 0 ? `Apply with ${verdict.warnings} warning(s)?` : 'Apply now?',
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (!ok) throw new CancelledError('Nothing was applied.');
  }
  const outcome = await applyLocked(ctx, {
    plan,
    mode,
    target: options,
    helm: helmLookup.helm,
    chartDir: inputs.chartDir,
    connection: cluster.connection,
    live: ctx.interactive && !json,
    expected: side.live?.health ?? {kind: 'none'},
  });
  if (json) {
    ctx.stdout.write(`${JSON.stringify(jsonReport(mode, options, plan, outcome), null, 2)}\n`);
  } else {
    const [access, shown] = await Promise.all([
      outcome.outcome === 'deployed'
        ? liveAccess(cluster.connection, options.namespace, plan.fullname, plan.render.values)
        : [],
      rootKeyShown(cluster.connection, {namespace: options.namespace, name: plan.secretName, release: options.release}),
    ]);
    const secretRef = `Secret ${options.namespace}/${plan.secretName}`;
    const next = [
      ...(mode === 'install' && outcome.outcome === 'deployed' && !shown
        ? [
            `The root key is in ${secretRef} (key RUNTIME_ROOT_KEY); run the wizard at a terminal to see it once, or: kubectl -n ${options.namespace} get secret ${plan.secretName} -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d`,
          ]
        : []),
      ...(outcome.outcome === 'deployed' || (outcome.releaseState && outcome.releaseState !== 'none')
        ? [watchHint(options)]
        : []),
    ];
    await showResult(
      ctx,
      resultModel({
        outcome,
        mode,
        release: options.release,
        namespace: options.namespace,
        access,
        secretRef,
        nextSteps: next,
        command: plan.helm.command,
      }),
      {columns, page},
    );
  }
  if (outcome.outcome === 'cancelled')
    throw new CancelledError('Stopped: helm was interrupted (see the release state above).');
  return outcome.outcome === 'deployed' ? 0 : 1;
}

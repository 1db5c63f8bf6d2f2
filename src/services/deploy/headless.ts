import {createElement} from 'react';
import {rootKeyShown} from '../../adapters/kube/credentials-secret.js';
import type {Context} from '../../commands/context.js';
import {flagBool, type ParsedFlags} from '../../commands/parse-args.js';
import {createRedactor} from '../../core/values/secrets.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {printScreen, runInk} from '../../ui/ink-run.js';
import {askConfirm} from '../../ui/prompts/ask.js';
import {printApplyProgress} from '../../ui/wizard/apply-lines.js';
import {createApplyStore} from '../../ui/wizard/apply-store.js';
import {ApplyScreen} from '../../ui/wizard/ApplyScreen.js';
import {reviewVerdict} from '../../ui/wizard/review-model.js';
import {ResultScreen} from '../../ui/wizard/ResultScreen.js';
import {ReviewScreen} from '../../ui/wizard/ReviewScreen.js';
import {APPLY_STEPS, applyPlan, type ApplyOutcome} from './apply.js';
import {deployOptions, type DeployOptions} from './options.js';
import {buildPlan, type DeployPlan} from './plan.js';
import {inspect, lookupHelm} from './look.js';
import {loadInputs, readLiveSide} from './prepare.js';
import {liveAccess, resultModel} from './result.js';

/** The machine-readable report of install/upgrade --json (no secret values anywhere in it). */
function jsonReport(
  mode: string,
  options: DeployOptions,
  plan: DeployPlan,
  applied: ApplyOutcome | undefined,
  dryRun: boolean,
): object {
  const verdict = reviewVerdict(plan.review);
  return {
    ok: verdict.errors === 0 && (applied ? applied.outcome === 'deployed' : true),
    mode,
    release: options.release,
    namespace: options.namespace,
    dryRun,
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
    outcome: applied ? applied.outcome : dryRun ? 'dry-run' : 'not-applied',
    ...(applied?.releaseState ? {releaseState: applied.releaseState} : {}),
    ...(applied?.recovery ? {recovery: applied.recovery} : {}),
    ...(applied ? {problems: applied.problems} : {}),
  };
}

/**
 * install/upgrade without prompts: the same plan and Review as the wizard, then apply only with
 * --yes (or a yes typed at a terminal). Exit 0 applied, 1 helm failed, 2 blocked/bad input, 130 stopped.
 */
export async function runHeadless(requested: 'install' | 'upgrade', flags: ParsedFlags, ctx: Context): Promise<number> {
  const options = deployOptions(flags);
  const yes = flagBool(flags, 'yes');
  const dryRun = flagBool(flags, 'dry-run');
  const json = flagBool(flags, 'json');
  if (!yes && !dryRun && !ctx.interactive) {
    throw new UserError(`'${requested}' would apply changes but there is no terminal to confirm them.`, {
      hint: 'Pass --yes to apply (warnings accepted), or --dry-run to only plan and print the review.',
    });
  }
  const {inputs, chartDisplay} = await loadInputs(options, ctx);
  const helmLookup = await lookupHelm(options, ctx);
  if (!helmLookup.found)
    throw new ExternalError(helmLookup.reason, {command: options.helmPath ?? 'helm', hint: helmLookup.hint});
  const cluster = await inspect(options, ctx);
  if (!cluster.online) {
    throw new ExternalError(cluster.reason, {
      command: `kubectl cluster-info${options.kubeContext ? ` --context ${options.kubeContext}` : ''}`,
      hint: `${cluster.hint} 'buntime-deploy render' writes the values and the helm command without a cluster.`,
    });
  }
  const side = await readLiveSide(options, cluster, helmLookup.helm, inputs, ctx);
  if (side.live?.health.kind === 'pending') {
    const {recoveryFor} = await import('../../core/upgrade/recovery.js');
    const offer = recoveryFor(side.live.health, options.release, options.namespace);
    throw new ExternalError(
      `Release ${options.release} is stuck in ${side.live.health.status} (revision ${side.live.health.revision}); helm refuses changes until it is recovered.`,
      {
        command: `helm history ${options.release} -n ${options.namespace}`,
        hint: offer ? `${offer.explanation} Run: ${offer.command} — or run the wizard, which offers it.` : undefined,
      },
    );
  }
  if (requested === 'upgrade' && !side.live) {
    throw new UserError(
      `Release ${options.release} is not installed in namespace ${options.namespace}: nothing to upgrade.`,
      {hint: `Use 'buntime-deploy install' for day zero, or check --release/--namespace/--kube-context.`},
    );
  }
  const mode = side.live ? 'upgrade' : 'install';
  const plan = await buildPlan({
    mode,
    release: options.release,
    namespace: options.namespace,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    inputs,
    chartDisplay,
    cluster: side.facts,
    ...(side.live ? {live: side.live} : {}),
    existingCredentials: side.credentials,
    online: true,
    helm: helmLookup.helm,
    timeout: options.timeout,
    env: ctx.env,
    signal: ctx.signal,
  });
  const verdict = reviewVerdict(plan.review);
  const columns = ctx.stdout.columns ?? 100;
  if (!json) await printScreen(ctx, createElement(ReviewScreen, {model: plan.review}), columns);
  if (verdict.errors > 0 || dryRun) {
    if (json) ctx.stdout.write(`${JSON.stringify(jsonReport(mode, options, plan, undefined, dryRun), null, 2)}\n`);
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
  const redact = createRedactor(plan.secretStrings);
  const store = createApplyStore(
    APPLY_STEPS.map((step) => (step.id === 'namespace' ? {...step, title: `Namespace ${options.namespace}`} : step)),
  );
  const apply = (): Promise<ApplyOutcome> =>
    applyPlan({
      plan,
      helm: helmLookup.helm,
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
    });
  let outcome: ApplyOutcome;
  if (ctx.interactive && !json) {
    outcome = await runInk<ApplyOutcome>(ctx, (finish) => {
      void apply().then(finish, (error: unknown) =>
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
  } else {
    const stop = printApplyProgress(store, (text) => ctx.stderr.write(text), ctx.style);
    try {
      outcome = await apply();
    } finally {
      stop();
    }
  }
  if (json) {
    ctx.stdout.write(`${JSON.stringify(jsonReport(mode, options, plan, outcome, false), null, 2)}\n`);
  } else {
    const access =
      outcome.outcome === 'deployed'
        ? await liveAccess(cluster.connection, options.namespace, plan.fullname, plan.render.values)
        : [];
    const shown = await rootKeyShown(cluster.connection, {
      namespace: options.namespace,
      name: plan.secretName,
      release: options.release,
    });
    const secretRef = `Secret ${options.namespace}/${plan.secretName}`;
    const next = [
      ...(mode === 'install' && outcome.outcome === 'deployed' && !shown
        ? [
            `The root key is in ${secretRef} (key RUNTIME_ROOT_KEY); run the wizard at a terminal to see it once, or: kubectl -n ${options.namespace} get secret ${plan.secretName} -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d`,
          ]
        : []),
      ...(outcome.outcome === 'deployed' || (outcome.releaseState && outcome.releaseState !== 'none')
        ? [
            `Watch it live: buntime-deploy status -n ${options.namespace}${options.release === 'buntime' ? '' : ` --release ${options.release}`}`,
          ]
        : []),
    ];
    await printScreen(
      ctx,
      createElement(ResultScreen, {
        model: resultModel({
          outcome,
          mode,
          release: options.release,
          namespace: options.namespace,
          access,
          secretRef,
          nextSteps: next,
        }),
      }),
      columns,
    );
  }
  if (outcome.outcome === 'cancelled')
    throw new CancelledError('Stopped: helm was interrupted (see the release state above).');
  return outcome.outcome === 'deployed' ? 0 : 1;
}

/**
 * `buntime-deploy export` without prompts: the install's plan (buildPlan, with the cluster's facts
 * and live release when one is reachable, offline otherwise), the same Review, then the engine's
 * files in DIR and the credentials in a 0600 file outside it. Exit 2 when the plan blocks (nothing
 * written), 0 when written or --dry-run.
 */
import {readSecretKeyNames} from '../../adapters/kube/credentials-secret.js';
import type {Context} from '../../context.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {displayPath} from '../../adapters/files.js';
import type {ExportCluster} from '../../core/gitops/manifests.js';
import {ENGINE_NAMES} from '../../core/gitops/owner.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {reviewVerdict, showReview} from '../../ui/wizard/index.js';
import {inspect, lookupHelm} from '../deploy/look.js';
import type {DeployOptions} from '../deploy/options.js';
import {buildPlan, type DeployPlan, type PlanRequest} from '../deploy/plan.js';
import {loadInputs, readLiveSide} from '../deploy/prepare.js';
import {
  checkTarget,
  clusterOverlays,
  type ExportPlan,
  type ExportTarget,
  existingExportFiles,
  exportReview,
  planExport,
  previousCredentials,
  withClusterFile,
  writePlannedExport,
} from './export.js';
import {releaseOwner} from './guard.js';

export interface ExportOptions extends DeployOptions {
  readonly target: ExportTarget;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
}

/** The JSON report (no secret value: the Review's values are masked, the credentials are only named). */
function jsonReport(
  options: ExportOptions,
  plan: DeployPlan,
  exported: ExportPlan,
  outcome: string,
  ctx: Context,
): object {
  const verdict = reviewVerdict(plan.review);
  return {
    ok: verdict.errors === 0,
    engine: exported.engine,
    release: options.release,
    namespace: options.namespace,
    dryRun: options.dryRun,
    dir: displayPath(exported.dir, ctx.cwd),
    files: [
      ...exported.documents.map((document) => ({path: document.path, about: document.about})),
      {path: 'README.md', about: 'how to commit and what each file is'},
      ...(exported.chart ? [{path: `${exported.chart.target}/`, about: 'the bundled chart'}] : []),
      ...(exported.archive ? [{path: exported.archive.name, about: 'the bundled chart, packaged'}] : []),
    ],
    chart: exported.source,
    secretsFile: displayPath(exported.credentialsPath, ctx.cwd),
    secret: `${exported.credentials.namespace}/${exported.credentials.secretName}`,
    credentials: plan.review.credentials,
    review: {
      values: plan.review.valuesYaml,
      rules: plan.review.rules,
      checks: plan.review.checks,
      blockers: plan.review.blockers,
      warnings: plan.review.warnings,
    },
    outcome,
  };
}

/** The plan request of an export: an install's, with the Secret referenced even without a cluster. */
export function exportPlanRequest(base: Omit<PlanRequest, 'online' | 'output'>, chart: string): PlanRequest {
  return {...base, online: true, output: {values: 'values.yaml', secrets: '', chart}};
}

export async function runExportCommand(options: ExportOptions, ctx: Context): Promise<number> {
  const {target} = options;
  checkTarget(target, options.release, ctx.cwd);
  const loaded = await loadInputs(options, ctx);
  const {chartDisplay} = loaded;
  // One named cluster with its own answers: they are simply part of the shared values.
  const [only] = target.clusters;
  const inputs =
    target.clusters.length === 1 && only ? await withClusterFile(loaded.inputs, only, ctx.cwd) : loaded.inputs;
  const [helmLookup, cluster] = await Promise.all([lookupHelm(options, ctx), inspect(options, ctx)]);
  const helm = helmLookup.found ? helmLookup.helm : undefined;
  const side = cluster.online && helm ? await readLiveSide(options, cluster, helm, inputs, ctx) : undefined;
  if (cluster.online) {
    const owner = await releaseOwner(cluster.connection, options.namespace, options.release, ctx.signal);
    if (owner && owner.engine !== target.engine && !options.json)
      ctx.stderr.write(
        `${ctx.style.warn('!')} This release is already managed by ${owner.engineName} (${owner.owner}); a second engine would fight it.\n`,
      );
  } else if (!options.json) {
    ctx.stderr.write(`${ctx.style.dim(`No cluster (${cluster.reason}): planned without its facts.`)}\n`);
  }
  const base = {
    mode: side?.live ? ('upgrade' as const) : ('install' as const),
    release: options.release,
    namespace: options.namespace,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    inputs,
    ...(side ? {cluster: side.facts} : {}),
    ...(side?.live ? {live: side.live} : {}),
    existingCredentials: {},
    ...(helm ? {helm} : {}),
    // The install's check that Secrets the release reads (and does not create) exist, in this cluster.
    ...(cluster.online
      ? {secretKeys: (name: string) => readSecretKeyNames(cluster.connection, options.namespace, name)}
      : {}),
    timeout: options.timeout,
    env: ctx.env,
    signal: ctx.signal,
  };
  // A first pass (without helm) names the Secret; then the credentials already in the cluster, or
  // those a previous export left in the 0600 file, are kept instead of generating new ones.
  const {helm: _helm, ...withoutHelm} = base;
  const first = await buildPlan(exportPlanRequest(withoutHelm, chartDisplay));
  const existing = {
    ...(await previousCredentials(
      target,
      {release: options.release, namespace: options.namespace, secretName: first.secretName},
      ctx.cwd,
    )),
    ...(side?.credentials ?? {}),
  };
  const plan = await buildPlan(exportPlanRequest({...base, existingCredentials: existing}, chartDisplay));
  const clusterPlans: {name: string; plan: DeployPlan}[] = [];
  if (target.clusters.length > 1) {
    for (const named of target.clusters) {
      const clusterInputs = await withClusterFile(inputs, named, ctx.cwd);
      clusterPlans.push({
        name: named.name,
        plan: await buildPlan(
          exportPlanRequest({...base, inputs: clusterInputs, existingCredentials: plan.credentials}, chartDisplay),
        ),
      });
    }
  }
  const clusters: ExportCluster[] =
    target.clusters.length > 1
      ? clusterOverlays(plan, clusterPlans, inputs.chartDefaults)
      : target.clusters.map((named) => ({name: named.name, values: {}}));
  const exported = await planExport({
    target,
    plan,
    inputs,
    release: options.release,
    namespace: options.namespace,
    timeout: options.timeout,
    clusters,
    cwd: ctx.cwd,
  });
  const columns = ctx.stdout.columns ?? 100;
  // Paged only when someone is there to read it (as install's Review); q stops with nothing written.
  if (
    !options.json &&
    (await showReview(ctx, exportReview(plan, exported, ctx.cwd), {columns, page: ctx.interactive && !options.yes})) ===
      'quit'
  )
    throw new CancelledError('Nothing was written.');
  const blocked = [plan, ...clusterPlans.map((item) => item.plan)].reduce(
    (sum, item) => sum + reviewVerdict(item.review).errors,
    0,
  );
  for (const item of clusterPlans) {
    const errors = [
      ...item.plan.review.blockers,
      ...item.plan.review.rules.filter((rule) => rule.severity === 'error').map((rule) => rule.message),
    ];
    if (errors.length > 0 && !options.json)
      ctx.stderr.write(`${ctx.style.error('✖')} cluster ${item.name}: ${errors.join('; ')}\n`);
  }
  if (blocked > 0 || options.dryRun) {
    if (options.json)
      ctx.stdout.write(
        `${JSON.stringify(jsonReport(options, plan, exported, blocked > 0 ? 'blocked' : 'dry-run', ctx), null, 2)}\n`,
      );
    if (blocked > 0)
      throw new UserError(`${blocked} blocking problem(s): nothing was written.`, {
        hint: 'Fix the problems listed in the review and export again.',
      });
    return 0;
  }
  const clash = await existingExportFiles(exported);
  if (clash.length > 0 && !options.yes) {
    if (!ctx.interactive)
      throw new UserError(
        `${displayPath(exported.dir, ctx.cwd)} already has ${clash.join(', ')}; nothing was written.`,
        {
          hint: 'Pass --yes to overwrite them (the rest of the directory is left alone).',
        },
      );
    if (!(await askConfirm(ctx, {message: `Overwrite ${clash.join(', ')}?`, default: false}, {answer: '--yes'})))
      throw new CancelledError('Nothing was written.');
  }
  await writePlannedExport(exported, helm, ctx);
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(jsonReport(options, plan, exported, 'written', ctx), null, 2)}\n`);
    return 0;
  }
  ctx.stdout.write(
    `${ctx.style.ok('✔')} Wrote the ${ENGINE_NAMES[exported.engine]} export to ${displayPath(exported.dir, ctx.cwd)} (${exported.paths.join(', ')}).\n`,
  );
  ctx.stdout.write(
    `  Credentials: ${displayPath(exported.credentialsPath, ctx.cwd)} (mode 0600, keep it out of git). Next: buntime-deploy secrets apply --kube-context CONTEXT --secrets-file ${displayPath(exported.credentialsPath, ctx.cwd)} --yes, then commit the directory (see its README.md).\n`,
  );
  return 0;
}

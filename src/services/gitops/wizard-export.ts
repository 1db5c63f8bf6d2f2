/**
 * The wizard's "Export for GitOps": after the Review, ask which engine, where to write and where the
 * chart comes from, then write the same export `buntime-deploy export` writes, from the same plan.
 */
import {displayPath} from '../../adapters/files.js';
import type {HelmBinary} from '../../adapters/helm/binary.js';
import type {LoadedInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import {CancelledError} from '../../core/errors.js';
import {type GitopsEngine, ENGINE_NAMES} from '../../core/gitops/owner.js';
import {chartSourceProblem, type SourceInput} from '../../core/gitops/source.js';
import {DNS_SUBDOMAIN} from '../../core/names.js';
import {askConfirm, askSelect, askText} from '../../ui/prompts/index.js';
import {say} from '../../ui/wizard/flow/index.js';
import {showReview} from '../../ui/wizard/index.js';
import type {DeployOptions} from '../deploy/options.js';
import {buildPlan, type DeployPlan, type PlanRequest} from '../deploy/plan.js';
import {
  checkTarget,
  type ExportTarget,
  existingExportFiles,
  exportReview,
  planExport,
  previousCredentials,
  writePlannedExport,
} from './export.js';

async function askSource(ctx: Context, engine: GitopsEngine): Promise<SourceInput> {
  const kind = await askSelect(
    ctx,
    {
      message: 'Where does the engine take the chart from?',
      choices: [
        {value: 'bundled', name: 'the bundled chart, written next to the export'},
        {value: 'repo', name: 'a Helm chart repository (URL)'},
        {value: 'oci', name: 'an OCI registry (oci://…)'},
        ...(engine === 'k3s' ? [] : [{value: 'git', name: 'a path in a git repository'}]),
      ],
      default: 'bundled',
    },
    {answer: '--chart-repo, --chart-oci or --chart-git'},
  );
  const check =
    (make: (value: string) => SourceInput) =>
    (value: string): string | true =>
      chartSourceProblem(make(value)) ?? true;
  if (kind === 'repo') {
    const repo = await askText(
      ctx,
      {message: 'Chart repository URL', validate: check((value) => ({repo: value}))},
      {answer: '--chart-repo'},
    );
    return {repo, version: await askVersion(ctx)};
  }
  if (kind === 'oci') {
    const oci = await askText(
      ctx,
      {message: 'OCI reference of the chart', default: 'oci://', validate: check((value) => ({oci: value}))},
      {answer: '--chart-oci'},
    );
    return {oci, version: await askVersion(ctx)};
  }
  const gitUrl =
    engine === 'argocd' || kind === 'git'
      ? await askText(
          ctx,
          {
            message:
              kind === 'git'
                ? `Git repository URL${engine === 'flux' ? ' (empty: the one Flux syncs, GitRepository flux-system)' : ''}`
                : 'Git repository you will commit the export to (Argo CD reads the chart from it)',
            validate: (value) =>
              value === '' && (engine !== 'flux' || kind !== 'git')
                ? 'Argo CD needs the repository URL'
                : value === ''
                  ? true
                  : (chartSourceProblem({gitUrl: value}) ?? true),
          },
          {answer: '--git-url'},
        )
      : '';
  if (kind === 'git') {
    const gitPath = await askText(
      ctx,
      {message: 'Path of the chart in that repository', validate: check((value) => ({gitPath: value}))},
      {answer: '--chart-git'},
    );
    return {gitPath, ...(gitUrl ? {gitUrl} : {})};
  }
  return gitUrl ? {gitUrl} : {};
}

async function askVersion(ctx: Context): Promise<string> {
  return askText(
    ctx,
    {message: 'Chart version', validate: (value) => (/^\S+$/.test(value) ? true : 'Give a version')},
    {answer: '--chart-version'},
  );
}

/** Asks what `export` takes as flags (engine, DIR, chart source, Fleet clusters). */
async function askTarget(ctx: Context, options: DeployOptions): Promise<ExportTarget> {
  const engine = await askSelect<GitopsEngine>(
    ctx,
    {
      message: 'Export for which GitOps engine?',
      choices: [
        {value: 'flux', name: 'Flux (HelmRelease + its chart source)'},
        {value: 'argocd', name: 'Argo CD (Application with a helm source)'},
        {value: 'k3s', name: "k3s HelmChart (the server's auto-deploy manifests folder)"},
        {value: 'fleet', name: 'Rancher Fleet (fleet.yaml)'},
      ],
    },
    {answer: '--to'},
  );
  const dir = await askText(
    ctx,
    {
      message: 'Directory to write the export into',
      default: `gitops/${options.release}`,
      validate: (value) => (value.trim() === '' ? 'Name a directory' : true),
    },
    {answer: '-o DIR'},
  );
  const source = await askSource(ctx, engine);
  const clusters =
    engine === 'fleet'
      ? (
          await askText(
            ctx,
            {
              message: 'Fleet cluster names, comma-separated (empty: the GitRepo targets decide)',
              validate: (value) =>
                value
                  .split(',')
                  .map((name) => name.trim())
                  .filter(Boolean)
                  .every((name) => DNS_SUBDOMAIN.test(name)) || 'Cluster names: lower-case letters, digits, - and .',
            },
            {answer: '--cluster'},
          )
        )
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
          .map((name) => ({name}))
      : [];
  return {engine, dir: dir.trim(), source, clusters};
}

/** Writes the export of `plan` (rebuilt with the Secret referenced when the wizard was render-only). */
export async function exportFromWizard(
  ctx: Context,
  input: {
    plan: DeployPlan;
    request: PlanRequest;
    inputs: LoadedInputs;
    options: DeployOptions;
    helm: HelmBinary | undefined;
  },
): Promise<number> {
  const {options} = input;
  const target = await askTarget(ctx, options);
  checkTarget(target, options.release, ctx.cwd);
  const previous = await previousCredentials(
    target,
    {release: options.release, namespace: options.namespace, secretName: input.plan.secretName},
    ctx.cwd,
  );
  const plan =
    input.request.online && Object.keys(previous).length === 0
      ? input.plan
      : await buildPlan({
          ...input.request,
          online: true,
          existingCredentials: {...previous, ...input.request.existingCredentials},
        });
  const exported = await planExport({
    target,
    plan,
    inputs: input.inputs,
    release: options.release,
    namespace: options.namespace,
    timeout: options.timeout,
    clusters: target.clusters.map((cluster) => ({name: cluster.name, values: {}})),
    cwd: ctx.cwd,
  });
  if (
    (await showReview(ctx, exportReview(plan, exported, ctx.cwd), {columns: ctx.stdout.columns ?? 100, page: true})) ===
    'quit'
  )
    throw new CancelledError('Nothing was written.');
  const clash = await existingExportFiles(exported);
  if (
    clash.length > 0 &&
    !(await askConfirm(ctx, {message: `Overwrite ${clash.join(', ')}?`, default: false}, {answer: '--yes'}))
  )
    throw new CancelledError('Nothing was written.');
  await writePlannedExport(exported, input.helm, ctx);
  const secrets = displayPath(exported.credentialsPath, ctx.cwd);
  say(ctx, ctx.style.ok(`✔ Wrote the ${ENGINE_NAMES[target.engine]} export to ${displayPath(exported.dir, ctx.cwd)}.`));
  say(ctx, `  Files: ${exported.paths.join(', ')} (no secrets; commit them, see README.md).`);
  say(ctx, `  Credentials: ${secrets} (mode 0600, outside the export: keep it out of git).`);
  say(
    ctx,
    `  Next: buntime-deploy secrets apply --kube-context CONTEXT --secrets-file ${secrets} --yes, in each cluster.`,
  );
  return 0;
}

/**
 * `export --to flux|argocd|k3s|fleet -o DIR` and the wizard's "Export for GitOps": the plan of an
 * install (the same buildPlan: answers, presets, rules, preflights, credentials decision), written
 * as what the engine applies. DIR gets only committable files; the credentials go to a 0600 file
 * outside it, for `secrets apply` in each target cluster.
 */
import {isAbsolute, join, relative, resolve} from 'node:path';
import {chartIdentity} from '../../adapters/applied-files.js';
import {pathInRepository, writeExport} from '../../adapters/export-dir.js';
import {displayPath, existingPaths, readYamlFile} from '../../adapters/files.js';
import type {HelmBinary} from '../../adapters/helm/binary.js';
import type {LoadedInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import type {Credentials} from '../../core/credentials/keys.js';
import {UserError} from '../../core/errors.js';
import {DNS_SUBDOMAIN} from '../../core/names.js';
import {credentialsFileText, type CredentialsFile} from '../../core/gitops/credentials-file.js';
import {exportDocuments, type ExportCluster, type ExportDocument} from '../../core/gitops/manifests.js';
import {ENGINE_NAMES, type GitopsEngine} from '../../core/gitops/owner.js';
import {exportReadme} from '../../core/gitops/readme.js';
import {type ChartSource, chartSourceProblem, repoRelative, type SourceInput} from '../../core/gitops/source.js';
import {diffValues} from '../../core/values/render.js';
import {mergeValues, type Values} from '../../core/values/paths.js';
import type {ReviewModel} from '../../ui/wizard/index.js';
import type {DeployPlan} from '../deploy/plan.js';
import {loadCredentialsFile} from './credentials.js';

export const ENGINES: readonly GitopsEngine[] = ['flux', 'argocd', 'k3s', 'fleet'];

/** A Fleet cluster named for the export, with an answers file of its own (optional). */
export interface NamedCluster {
  readonly name: string;
  readonly values?: string;
}

/** Where the export goes and where its chart comes from (flags, or the wizard's answers). */
export interface ExportTarget {
  readonly engine: GitopsEngine;
  readonly dir: string;
  readonly source: SourceInput;
  /** Where DIR sits in its git repository (default: found from DIR's .git, else DIR as given). */
  readonly gitPath?: string;
  /** The 0600 credentials file (outside DIR); default `<release>.credentials.yaml` here. */
  readonly secretsFile?: string;
  readonly clusters: readonly NamedCluster[];
  readonly argocdNamespace?: string;
}

/** Everything an export writes, computed before anything is written (dry run, Review, JSON). */
export interface ExportPlan {
  readonly engine: GitopsEngine;
  readonly dir: string;
  readonly documents: readonly ExportDocument[];
  readonly readme: string;
  readonly source: ChartSource;
  readonly chart?: {readonly from: string; readonly target: string};
  readonly archive?: {readonly from: string; readonly name: string};
  readonly credentialsPath: string;
  readonly credentials: CredentialsFile;
  /** Paths (relative to DIR) of everything DIR receives. */
  readonly paths: readonly string[];
}

export function engineProblem(engine: string | undefined): string | undefined {
  if (engine === undefined) return '--to is required: flux, argocd, k3s or fleet';
  return ENGINES.includes(engine as GitopsEngine) ? undefined : `--to '${engine}' is not flux, argocd, k3s or fleet`;
}

/** Checks flags that need no file or cluster; one UserError naming the flag. */
export function checkTarget(target: ExportTarget, release: string, cwd: string): void {
  const problem =
    chartSourceProblem(target.source) ??
    (target.dir === '' ? '-o DIR is required: the directory to write the export into' : undefined) ??
    target.clusters
      .map((cluster) =>
        DNS_SUBDOMAIN.test(cluster.name) ? undefined : `--cluster '${cluster.name}' is not a cluster name`,
      )
      .find(Boolean) ??
    (target.clusters.length > 0 && target.engine !== 'fleet'
      ? '--cluster is for --to fleet (targetCustomizations); export once per cluster for the other engines'
      : undefined);
  if (problem) throw new UserError(`${problem}.`, {hint: 'See buntime-deploy export --help.'});
  const secrets = credentialsPath(target, release, cwd);
  const inside = relative(resolve(cwd, target.dir), secrets);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new UserError(`--secrets-file ${displayPath(secrets, cwd)} is inside the export directory ${target.dir}.`, {
      hint: 'The credentials must never be committed: put the file outside DIR (the default is ./<release>.credentials.yaml).',
    });
  }
}

export function credentialsPath(target: ExportTarget, release: string, cwd: string): string {
  return resolve(cwd, target.secretsFile ?? `${release}.credentials.yaml`);
}

/** Credentials a previous export left in the 0600 file, so exporting again never rotates them. */
export async function previousCredentials(
  target: ExportTarget,
  where: {release: string; namespace: string; secretName: string},
  cwd: string,
): Promise<Credentials> {
  const file = await loadCredentialsFile(credentialsPath(target, where.release, cwd), cwd, {optional: true});
  if (!file) return {};
  if (file.namespace !== where.namespace || file.secretName !== where.secretName) {
    throw new UserError(
      `${displayPath(credentialsPath(target, where.release, cwd), cwd)} holds the credentials of Secret ${file.namespace}/${file.secretName}, not ${where.namespace}/${where.secretName}.`,
      {hint: 'Name another file with --secrets-file, so the other release keeps its credentials.'},
    );
  }
  return file.credentials;
}

/** Reads a Fleet cluster's own answers file as one more values layer. */
export async function withClusterFile(inputs: LoadedInputs, cluster: NamedCluster, cwd: string): Promise<LoadedInputs> {
  if (!cluster.values) return inputs;
  const file = await readYamlFile(cluster.values, {cwd, what: `values file of cluster ${cluster.name}`});
  return {
    ...inputs,
    files: [...inputs.files, {label: file.display, values: file.value as Values, locate: file.locate}],
  };
}

/** What cluster plans add on top of the shared one (reverts to a chart default included). */
export function clusterOverlays(
  shared: DeployPlan,
  clusters: readonly {name: string; plan: DeployPlan}[],
  defaults: Values,
): ExportCluster[] {
  const base = mergeValues(defaults, shared.helmValues);
  return clusters.map((cluster) => ({
    name: cluster.name,
    values: diffValues(mergeValues(defaults, cluster.plan.helmValues), base),
  }));
}

async function resolveSource(
  target: ExportTarget,
  inputs: LoadedInputs,
  cwd: string,
): Promise<{source: ChartSource; chart?: ExportPlan['chart']; archive?: ExportPlan['archive']}> {
  const identity = await chartIdentity(inputs.chartDir);
  const version = target.source.version ?? identity.version;
  const revision = target.source.revision ?? 'main';
  if (target.source.repo) return {source: {kind: 'repo', url: target.source.repo, chart: identity.name, version}};
  if (target.source.oci) return {source: {kind: 'oci', url: target.source.oci, version}};
  if (target.source.gitPath !== undefined) {
    if (target.engine === 'argocd' && !target.source.gitUrl)
      throw new UserError('--to argocd with --chart-git needs --git-url: an Application names its repository.', {
        hint: 'Add --git-url https://git.example.com/org/repo.git (the repository that holds the chart).',
      });
    return {
      source: {
        kind: 'git',
        path: target.source.gitPath,
        revision,
        ...(target.source.gitUrl ? {url: target.source.gitUrl} : {}),
      },
    };
  }
  // Nothing given: the bundled chart goes into DIR and the engine points at it.
  if (target.engine === 'argocd' && !target.source.gitUrl)
    throw new UserError('--to argocd with the bundled chart needs --git-url: the repository you will commit DIR to.', {
      hint: 'Add --git-url https://git.example.com/org/repo.git, or point at a published chart with --chart-repo or --chart-oci.',
    });
  const dir = resolve(cwd, target.dir);
  const repoPath = target.gitPath ?? (await pathInRepository(dir)) ?? repoRelative(target.dir);
  const archive = `${identity.name}-${identity.version}.tgz`;
  return {
    source: {
      kind: 'bundled',
      dir: 'chart',
      repoPath,
      revision,
      version: identity.version,
      archive,
      ...(target.source.gitUrl ? {gitUrl: target.source.gitUrl} : {}),
    },
    ...(target.engine === 'k3s'
      ? {archive: {from: inputs.chartDir, name: archive}}
      : {chart: {from: inputs.chartDir, target: 'chart'}}),
  };
}

/** The export for a plan built with the credentials Secret referenced (online: true). */
export async function planExport(input: {
  target: ExportTarget;
  plan: DeployPlan;
  inputs: LoadedInputs;
  release: string;
  namespace: string;
  timeout: string;
  clusters: readonly ExportCluster[];
  cwd: string;
}): Promise<ExportPlan> {
  const {target, plan} = input;
  const {source, chart, archive} = await resolveSource(target, input.inputs, input.cwd);
  const documents = exportDocuments({
    engine: target.engine,
    release: input.release,
    namespace: input.namespace,
    values: plan.helmValues,
    source,
    timeout: input.timeout,
    ...(input.clusters.length > 0 ? {clusters: input.clusters} : {}),
    ...(target.argocdNamespace ? {argocd: {namespace: target.argocdNamespace, project: 'default'}} : {}),
  });
  const credentialsFile = credentialsPath(target, input.release, input.cwd);
  const extras = [
    ...(chart ? [{path: `${chart.target}/`, about: 'the Buntime chart this export was planned with'}] : []),
    ...(archive
      ? [
          {
            path: archive.name,
            about: 'the Buntime chart, packaged: copy it to /var/lib/rancher/k3s/server/static/charts/',
          },
        ]
      : []),
  ];
  const readme = exportReadme({
    engine: target.engine,
    release: input.release,
    namespace: input.namespace,
    secretName: plan.secretName,
    credentialsFile: displayPath(credentialsFile, input.cwd),
    documents,
    source,
    extras,
    clusters: input.clusters.map((cluster) => cluster.name),
  });
  return {
    engine: target.engine,
    dir: resolve(input.cwd, target.dir),
    documents,
    readme,
    source,
    ...(chart ? {chart} : {}),
    ...(archive ? {archive} : {}),
    credentialsPath: credentialsFile,
    credentials: {
      release: input.release,
      namespace: input.namespace,
      secretName: plan.secretName,
      credentials: plan.credentials,
    },
    paths: [...documents.map((document) => document.path), 'README.md', ...extras.map((extra) => extra.path)],
  };
}

/** Which of the export's files are already there (overwriting them needs --yes or a yes). */
export async function existingExportFiles(exported: ExportPlan): Promise<string[]> {
  const found = await existingPaths(exported.paths.map((path) => join(exported.dir, path)));
  return found.map((path) => relative(exported.dir, path) || '.');
}

/** Writes DIR and the 0600 credentials file. */
export async function writePlannedExport(
  exported: ExportPlan,
  helm: HelmBinary | undefined,
  ctx: Pick<Context, 'env' | 'signal'>,
): Promise<void> {
  if (exported.archive && !helm)
    throw new UserError('Packaging the bundled chart for k3s needs helm, which was not found.', {
      hint: 'Install helm (or pass --helm PATH), or point at a published chart with --chart-repo or --chart-oci.',
    });
  await writeExport({
    dir: exported.dir,
    files: [
      ...exported.documents.map((document) => ({path: join(exported.dir, document.path), content: document.content})),
      {path: join(exported.dir, 'README.md'), content: exported.readme},
    ],
    ...(exported.chart ? {chart: exported.chart} : {}),
    ...(exported.archive && helm ? {archive: {...exported.archive, helm: helm.path}} : {}),
    secrets: {path: exported.credentialsPath, content: credentialsFileText(exported.credentials)},
    env: ctx.env,
    signal: ctx.signal,
  });
}

/** The Review of an export: the install's, with where the secrets go and what will be written. */
export function exportReview(plan: DeployPlan, exported: ExportPlan, cwd: string): ReviewModel {
  return {
    ...plan.review,
    secretsAt: `Secret ${exported.credentials.namespace}/${exported.credentials.secretName} in each cluster, from ${displayPath(exported.credentialsPath, cwd)} (0600, outside the export) by 'buntime-deploy secrets apply'`,
    command: `${ENGINE_NAMES[exported.engine]} files in ${displayPath(exported.dir, cwd)}: ${exported.paths.join(', ')}`,
  };
}

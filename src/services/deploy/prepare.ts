import {appliedFilesFor, keptChartPath} from '../../adapters/applied-files.js';
import type {HelmBinary} from '../../adapters/helm/binary.js';
import type {HelmTarget} from '../../adapters/helm/release.js';
import type {OnlineCluster} from '../../adapters/kube/cluster-info.js';
import {displayPath, readStream} from '../../adapters/files.js';
import {bundledChartDir} from '../../adapters/package-root.js';
import {loadRenderInputs, type LoadedInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import type {Credentials} from '../../core/credentials/keys.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {mergeValues} from '../../core/values/paths.js';
import {clusterFacts, type ClusterFacts} from './cluster-facts.js';
import {readHelmRelease, readReleaseCredentials, withStorage, type DeployedRelease, type HelmRelease} from './live.js';
import type {DeployOptions} from './options.js';
import type {PlanRequest} from './plan.js';

/**
 * Where an online install/upgrade writes the files its helm command names, and the chart path that
 * command uses (a kept copy when the chart sits in npx's temporary cache).
 */
export async function appliedOutput(
  options: DeployOptions,
  ctx: Context,
  chart: {dir: string; display: string},
  context: string,
): Promise<PlanRequest['output']> {
  const files = appliedFilesFor(ctx.env, {context, namespace: options.namespace, release: options.release}, true);
  const kept = await keptChartPath(chart.dir, ctx.env);
  return {values: files.values, secrets: files.secrets ?? '', chart: kept === chart.dir ? chart.display : kept};
}

/** Reads chart, preset, answers files and --set (one UserError listing every problem). */
export async function loadInputs(
  options: DeployOptions,
  ctx: Context,
  preset = options.preset,
): Promise<{inputs: LoadedInputs; chartDisplay: string}> {
  const inputs = await loadRenderInputs({
    cwd: ctx.cwd,
    ...(options.chart ? {chart: options.chart} : {}),
    ...(preset ? {preset} : {}),
    values: options.values,
    sets: options.sets,
    stdin: () => readStream(ctx.stdin),
  });
  return {
    inputs,
    chartDisplay: inputs.chartDir === bundledChartDir() ? inputs.chartDir : displayPath(inputs.chartDir, ctx.cwd),
  };
}

export function helmTarget(options: DeployOptions, helm: HelmBinary, ctx: Context): HelmTarget {
  return {
    helm,
    release: options.release,
    namespace: options.namespace,
    env: ctx.env,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
  };
}

/** The live side of a deploy: the release (if any), its credentials Secret, cluster facts. */
export interface LiveSide {
  readonly cluster: OnlineCluster;
  readonly facts: ClusterFacts;
  readonly live?: DeployedRelease;
  readonly credentials: Credentials;
  readonly secretExists: boolean;
}

/**
 * The release as helm has it, its storage and its credentials Secret. `release` is helm's answer
 * when the caller started asking earlier (readHelmRelease, alongside the cluster inspection); the
 * storage and the Secret are then read together.
 */
export async function readLiveSide(
  options: DeployOptions,
  cluster: OnlineCluster,
  helm: HelmBinary,
  inputs: LoadedInputs,
  ctx: Context,
  release: Promise<HelmRelease | undefined> = readHelmRelease(helmTarget(options, helm, ctx), ctx.signal),
): Promise<LiveSide> {
  const found = await release;
  const fullname =
    found?.fullname ?? chartFullname(options.release, mergeValues(inputs.chartDefaults, inputs.preset?.values ?? {}));
  const [live, secret] = await Promise.all([
    found ? withStorage(found, cluster.connection, options.namespace) : undefined,
    readReleaseCredentials(cluster.connection, options.namespace, fullname, options.release),
  ]);
  return {
    cluster,
    facts: clusterFacts(cluster),
    ...(live ? {live} : {}),
    credentials: secret.credentials,
    secretExists: secret.exists,
  };
}

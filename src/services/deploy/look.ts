import {findHelm, HELM_INSTALL_HINT, type HelmBinary} from '../../adapters/helm/binary.js';
import {inspectCluster, type ClusterInfo} from '../../adapters/kube/cluster-info.js';
import type {Context} from '../../context.js';
import {ExternalError} from '../../core/errors.js';
import type {DeployOptions} from './options.js';

// What the Start screen needs before it can offer anything: helm and the cluster. Kept apart from
// the rest of the deploy flow so the wizard's first frame loads only this.

export type HelmLookup =
  | {readonly found: true; readonly helm: HelmBinary}
  | {readonly found: false; readonly hint: string; readonly reason: string};

/** helm, or why not (the wizard still renders without it). */
export async function lookupHelm(options: DeployOptions, ctx: Context): Promise<HelmLookup> {
  try {
    return {
      found: true,
      helm: await findHelm({...(options.helmPath ? {path: options.helmPath} : {}), env: ctx.env, signal: ctx.signal}),
    };
  } catch (error) {
    return {
      found: false,
      reason: error instanceof Error ? error.message : String(error),
      hint: error instanceof ExternalError && error.hint ? error.hint : HELM_INSTALL_HINT,
    };
  }
}

/**
 * `releases: false` skips the search for existing Buntime releases (a LIST of every helm release
 * Secret in the cluster, decompressed one by one): only the wizard's Start screen offers them.
 */
export function inspect(options: DeployOptions, ctx: Context, what: {releases?: boolean} = {}): Promise<ClusterInfo> {
  return inspectCluster({
    env: ctx.env,
    namespace: options.namespace,
    ...(what.releases === false ? {releases: false} : {}),
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    signal: ctx.signal,
  });
}

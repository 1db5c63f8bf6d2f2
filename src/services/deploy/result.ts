import type {KubeConnection} from '../../adapters/kube/client.js';
import {callOptions} from '../../adapters/kube/api-options.js';
import type {Values} from '../../core/values/paths.js';
import {accessHints, type AccessHint, type ResultModel} from '../../ui/wizard/index.js';
import type {ReleaseTarget} from '../target.js';
import type {ApplyOutcome} from './apply.js';

/** How to reach the runtime, with the real NodePort and a node address when the API has them. */
export async function liveAccess(
  connection: KubeConnection,
  namespace: string,
  fullname: string,
  values: Values,
): Promise<AccessHint[]> {
  let nodePort: number | undefined;
  let nodeAddress: string | undefined;
  try {
    const service = await connection.core.readNamespacedService({namespace, name: fullname}, callOptions(8000));
    nodePort = service.spec?.ports?.[0]?.nodePort;
    if (nodePort) {
      const nodes = await connection.core.listNode({}, callOptions(8000));
      const addresses = nodes.items.flatMap((node) => node.status?.addresses ?? []);
      nodeAddress = (
        addresses.find((address) => address.type === 'ExternalIP') ??
        addresses.find((address) => address.type === 'InternalIP')
      )?.address;
    }
  } catch {
    // Hints without the live port still help.
  }
  return accessHints(values, {
    namespace,
    fullname,
    ...(nodePort ? {nodePort} : {}),
    ...(nodeAddress ? {nodeAddress} : {}),
  });
}

/** The Result screen model for an applied plan. */
export function resultModel(input: {
  outcome: ApplyOutcome;
  mode: 'install' | 'upgrade';
  release: string;
  namespace: string;
  access: readonly AccessHint[];
  rootKey?: string;
  secretRef: string;
  nextSteps: readonly string[];
  /** The helm command that ran (re-runnable: its files are kept). */
  command?: string;
}): ResultModel {
  const {outcome} = input;
  return {
    outcome: outcome.outcome,
    mode: input.mode,
    release: input.release,
    namespace: input.namespace,
    ...(outcome.releaseState ? {releaseState: outcome.releaseState} : {}),
    ...(outcome.recovery ? {recovery: outcome.recovery} : {}),
    access: input.access,
    ...(input.rootKey ? {rootKey: input.rootKey} : {}),
    secretRef: input.secretRef,
    problems: outcome.problems,
    ...(outcome.helmError ? {helmError: outcome.helmError} : {}),
    ...(outcome.notes ? {notes: outcome.notes} : {}),
    nextSteps: input.nextSteps,
    ...(input.command ? {command: input.command} : {}),
  };
}

/** The command that opens the live screen for this release. */
export function watchHint(target: Pick<ReleaseTarget, 'namespace' | 'release' | 'kubeContext'>): string {
  return `Watch it live: buntime-deploy status -n ${target.namespace}${target.release === 'buntime' ? '' : ` --release ${target.release}`}${target.kubeContext ? ` --kube-context ${target.kubeContext}` : ''}`;
}

import type {ClusterInfo} from '../../adapters/kube/cluster-info.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';
import {runStartScreen, type StartModel, startModel} from '../../ui/wizard/index.js';
import {releaseOwner} from '../gitops/guard.js';
import {rwxOf} from './cluster-facts.js';
import {inspect, lookupHelm, type HelmLookup} from './look.js';
import type {DeployOptions} from './options.js';

interface Looked {
  readonly helm: HelmLookup;
  readonly cluster: ClusterInfo;
  readonly options: DeployOptions;
  readonly model: StartModel;
}

const NON_TTY = 'The wizard needs a terminal (stdin and stdout must be a TTY, and CI unset).';

/**
 * The interactive wizard: look at the cluster (Start), ask (presets first, then what matters),
 * Review (masked values, rules, labelled diff), Apply (helm, streamed), Result (URL, root key once).
 */
export async function runWizard(requested: DeployOptions, ctx: Context): Promise<number> {
  if (!ctx.interactive) {
    throw new UserError(NON_TTY, {
      hint: 'In scripts use `buntime-deploy install --preset NAME -f answers.yaml --yes` (or `upgrade`), or `render` to only write values.',
    });
  }
  // Look at helm and the cluster once the Start screen shows that it is doing so.
  let looked: Promise<Looked> | undefined;
  const look = (): Promise<Looked> =>
    (looked ??= Promise.all([lookupHelm(requested, ctx), inspect(requested, ctx)]).then(async ([helm, cluster]) => {
      const options = adoptRelease(requested, cluster) ?? requested;
      // Which GitOps engine owns the release, if any: the Start screen names it and offers the export.
      const owner = cluster.online
        ? await releaseOwner(cluster.connection, options.namespace, options.release, ctx.signal)
        : undefined;
      const model = startModel({
        cluster,
        helm: helm.found ? {found: true, version: helm.helm.version} : {found: false, hint: helm.hint},
        namespace: options.namespace,
        release: options.release,
        rwxOf,
        ...(owner ? {owner} : {}),
        ...(options.force ? {force: true} : {}),
      });
      return {helm, cluster, options, model};
    }));
  const started = await runStartScreen(ctx, {
    load: async () => (await look()).model,
    ...(requested.kubeContext ? {context: requested.kubeContext} : {}),
  });
  if ('error' in started) throw started.error;
  const {action} = started;
  const {helm, cluster, options} = await look();
  if (action === 'quit') {
    ctx.stdout.write('Nothing changed.\n');
    return 0;
  }
  // Everything after the Start screen (questions, plan, helm, live screen) loads only now, so the
  // first frame does not wait for it.
  const {continueWizard} = await import('./wizard-flow.js');
  return continueWizard(ctx, action, options, helm, cluster);
}

/**
 * Without --namespace, a cluster holding exactly one Buntime release is almost certainly the one to
 * look at: use its namespace (and name, without --release) instead of the default.
 */
export function adoptRelease(options: DeployOptions, cluster: ClusterInfo): DeployOptions | undefined {
  if (options.namespaceGiven || !cluster.online || cluster.releases.length !== 1) return undefined;
  const [found] = cluster.releases;
  if (!found || (options.releaseGiven && found.name !== options.release)) return undefined;
  if (found.namespace === options.namespace && found.name === options.release) return undefined;
  return {...options, namespace: found.namespace, release: found.name};
}

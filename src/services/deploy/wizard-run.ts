import {createElement} from 'react';
import type {ClusterInfo} from '../../adapters/kube/cluster-info.js';
import type {Context} from '../../commands/context.js';
import type {ParsedFlags} from '../../commands/parse-args.js';
import {UserError} from '../../core/errors.js';
import {runInk} from '../../ui/ink-run.js';
import {say, type FlowIo} from '../../ui/wizard/flow/io.js';
import {startModel, type StartModel} from '../../ui/wizard/start-model.js';
import {StartLoader, type StartOutcome} from '../../ui/wizard/StartLoader.js';
import {rwxOf} from './cluster-facts.js';
import {inspect, lookupHelm, type HelmLookup} from './look.js';
import {deployOptions, type DeployOptions} from './options.js';

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
export async function runWizard(flags: ParsedFlags, ctx: Context): Promise<number> {
  if (!ctx.interactive) {
    throw new UserError(NON_TTY, {
      hint: 'In scripts use `buntime-deploy install --preset NAME -f answers.yaml --yes` (or `upgrade`), or `render` to only write values.',
    });
  }
  const requested = deployOptions(flags);
  const io: FlowIo = {...ctx, style: ctx.style};
  // Look at helm and the cluster once the Start screen shows that it is doing so.
  let looked: Promise<Looked> | undefined;
  const look = (): Promise<Looked> =>
    (looked ??= Promise.all([lookupHelm(requested, ctx), inspect(requested, ctx)]).then(([helm, cluster]) => {
      const options = adoptRelease(requested, cluster) ?? requested;
      const model = startModel({
        cluster,
        helm: helm.found ? {found: true, version: helm.helm.version} : {found: false, hint: helm.hint},
        namespace: options.namespace,
        release: options.release,
        rwxOf,
      });
      return {helm, cluster, options, model};
    }));
  const started = await runInk<StartOutcome>(
    ctx,
    (finish) =>
      createElement(StartLoader, {
        load: async () => (await look()).model,
        onDone: finish,
        ...(requested.kubeContext ? {context: requested.kubeContext} : {}),
      }),
    {cancelOn: ctx.signal},
  );
  if ('error' in started) throw started.error;
  const {action} = started;
  const {helm, cluster, options} = await look();
  if (action === 'quit') {
    say(io, 'Nothing changed.');
    return 0;
  }
  // Everything after the Start screen (questions, plan, helm, live screen) loads only now, so the
  // first frame does not wait for it.
  const {continueWizard} = await import('./wizard-flow.js');
  return continueWizard(io, ctx, action, options, helm, cluster);
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

import type {KubeConnection} from '../../adapters/kube/client.js';
import {podExec} from '../../adapters/kube/pod-exec.js';
import {listClaims} from '../../adapters/kube/release-claims.js';
import {runtimePods, type PodFact, type ReleaseWorkloads} from '../../adapters/kube/runtime.js';
import {readPluginDir} from '../../adapters/plugin-dir.js';
import type {Context} from '../../context.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {durationMs} from '../../core/operate/duration.js';
import {
  BUILTIN_DIR,
  compareSums,
  findPlugin,
  listScript,
  parseListing,
  parseSums,
  pluginFolder,
  pluginVolumeCheck,
  pushChecks,
  pushScripts,
  removeChecks,
  removeScript,
  UPLOADED_DIR,
  type InstalledPlugin,
} from '../../core/operate/plugins.js';
import {tarArchive} from '../../core/operate/tar.js';
import type {PreflightCheck} from '../../core/upgrade/types.js';
import type {PlanView} from '../../ui/operate/index.js';
import {planGate} from './plan-gate.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {type ApplyStore, showResult} from '../../ui/wizard/index.js';
import {withProgress} from './progress.js';
import {restartTarget, rollOut, rolloutSteps, rolloutStoppedNote, type RolloutResult} from './restart.js';
import {guardedOperation} from './guarded.js';
import {openSession, pageFor, targetFlags, writeJson, type OperateOptions} from './session.js';

/** The runtime pod the plugin commands work through, and what decides whether a push can reach all. */
interface PluginTarget {
  readonly conn: KubeConnection;
  readonly workloads: ReleaseWorkloads;
  readonly pods: readonly PodFact[];
  readonly pod: PodFact;
  readonly container: string;
  /** The shared plugins claim and its access modes. */
  readonly claim?: {readonly name: string; readonly accessModes: readonly string[]};
}

async function pluginTarget(options: OperateOptions, ctx: Context): Promise<PluginTarget> {
  const {conn} = await openSession(options, ctx, false);
  const {workloads, pods} = await runtimePods(conn, options.namespace, options.release, ctx.signal);
  if (!workloads.runtime)
    throw new UserError(`Release ${options.release} has no runtime StatefulSet in namespace ${options.namespace}.`, {
      hint: 'Check --release, --namespace and --kube-context.',
    });
  const pod = pods.find((candidate) => candidate.ready && !candidate.deleting);
  if (!pod)
    throw new UserError(`No runtime pod of ${options.release} is Ready: plugins are read and copied through one.`, {
      exitCode: 1,
      hint: `See why: buntime-deploy status ${targetFlags(options)}`,
    });
  const container = pod.containers.includes('buntime') ? 'buntime' : (pod.containers[0] ?? 'buntime');
  const claimName = `${workloads.fullname}-plugins`;
  const claim = (await listClaims(conn, options.namespace, ctx.signal)).find((item) => item.name === claimName);
  return {
    conn,
    workloads,
    pods,
    pod,
    container,
    ...(claim ? {claim: {name: claim.name, accessModes: claim.accessModes}} : {}),
  };
}

async function run(
  target: PluginTarget,
  namespace: string,
  script: string,
  what: string,
  options: {stdin?: Uint8Array; signal?: AbortSignal} = {},
): Promise<string> {
  const command = ['sh', '-c', script];
  const outcome = await podExec(target.conn, {namespace, pod: target.pod.name, container: target.container}, command, {
    ...options,
    timeoutMs: 120_000,
  });
  if (outcome.exitCode !== 0)
    throw new ExternalError(`${what} failed in pod ${target.pod.name} (exit ${outcome.exitCode}).`, {
      command: `kubectl -n ${namespace} exec ${target.pod.name} -c ${target.container} -- sh -c '…'`,
      stderr: outcome.stderr,
    });
  return outcome.stdout;
}

async function installedPlugins(
  target: PluginTarget,
  namespace: string,
  signal?: AbortSignal,
): Promise<InstalledPlugin[]> {
  return parseListing(await run(target, namespace, listScript(), 'Listing the plugins', signal ? {signal} : {}));
}

/** `plugins list`: built-in (from the image) and uploaded (on the plugins claim), read from a runtime pod. */
export async function runPluginsList(options: OperateOptions, ctx: Context): Promise<number> {
  const target = await pluginTarget(options, ctx);
  const plugins = await installedPlugins(target, options.namespace, ctx.signal);
  if (options.json) {
    writeJson(ctx, {release: options.release, namespace: options.namespace, pod: target.pod.name, plugins});
    return 0;
  }
  const width = Math.max(4, ...plugins.map((plugin) => plugin.name.length));
  ctx.stdout.write(`Plugins of ${options.release} (read from pod ${target.pod.name}):\n`);
  for (const source of ['built-in', 'uploaded'] as const) {
    const list = plugins.filter((plugin) => plugin.source === source);
    ctx.stdout.write(
      `\n${ctx.style.bold(source === 'built-in' ? `Built-in (${BUILTIN_DIR}, from the image)` : `Uploaded (${UPLOADED_DIR}, PVC ${target.claim?.name ?? '?'})`)}\n`,
    );
    if (list.length === 0) ctx.stdout.write('  none\n');
    for (const plugin of list) {
      const state = plugin.problem
        ? ctx.style.error(plugin.problem)
        : plugin.enabled
          ? ctx.style.ok('enabled')
          : ctx.style.dim('disabled');
      const deps = plugin.dependencies.length ? ctx.style.dim(`  needs ${plugin.dependencies.join(', ')}`) : '';
      ctx.stdout.write(`  ${plugin.name.padEnd(width)}  ${state}  ${ctx.style.dim(plugin.folder)}${deps}\n`);
    }
  }
  return 0;
}

/** With a ReadWriteOnce plugins claim and several runtime pods a copy cannot reach every pod. */
function sharingCheck(target: PluginTarget): PreflightCheck | undefined {
  return pluginVolumeCheck(target.claim, target.pods.length);
}

function view(
  title: string,
  fields: PlanView['fields'],
  checks: readonly PreflightCheck[],
  commands: string[],
  ready: string,
): PlanView {
  return {title, fields, sections: [], checks, commands, ready};
}

async function restartAfter(
  ctx: Context,
  target: PluginTarget,
  options: OperateOptions,
  store: ApplyStore,
): Promise<RolloutResult | undefined> {
  if (!target.workloads.runtime) return undefined;
  const restart = await restartTarget(target.conn, options.namespace, options.release, target.workloads.runtime);
  return rollOut(ctx, target.conn, options.namespace, restart, store, durationMs(options.timeout) ?? 600_000);
}

/**
 * `plugins push DIR`: checks manifest.yaml, dist/plugin.js, the name and the dependencies against
 * the enabled plugins; copies the folder with tar through a pod exec into /data/plugins/<name>/
 * (a hidden folder first, moved into place once every file's sha256 matches), then restarts the
 * runtime pods so they load it.
 */
async function runPluginsPushUnguarded(
  options: OperateOptions & {readonly dir: string},
  ctx: Context,
): Promise<number> {
  const local = await readPluginDir(options.dir, ctx.cwd);
  const target = await pluginTarget(options, ctx);
  const installed = await installedPlugins(target, options.namespace, ctx.signal);
  const sharing = sharingCheck(target);
  const checks = [...(sharing ? [sharing] : []), ...pushChecks(local.plugin, installed)];
  const manifest = typeof local.plugin.manifest === 'string' ? undefined : local.plugin.manifest;
  const folder = manifest ? pluginFolder(manifest.name) : undefined;
  const destination = `${UPLOADED_DIR}/${folder ?? '?'}`;
  const plan = view(
    `Plugin push — ${manifest?.name ?? options.dir} → ${options.release} in ${options.namespace}`,
    [
      {label: 'From', lines: [`${options.dir} (${local.plugin.files.length} file(s), ${local.bytes} bytes)`]},
      {
        label: 'To',
        lines: [
          `${destination}/ through pod ${target.pod.name} (PVC ${target.claim?.name ?? '?'}, ${target.claim?.accessModes.join(',') ?? '?'})`,
        ],
      },
      {
        label: 'Then',
        lines: [
          `restart StatefulSet ${target.workloads.runtime?.metadata?.name ?? '?'} (${target.pods.length} pod(s), one at a time)`,
        ],
      },
    ],
    checks,
    [
      `tar -cf - -C ${options.dir} . | kubectl -n ${options.namespace} exec -i ${target.pod.name} -c ${target.container} -- tar -xf - -C ${destination}`,
      `kubectl -n ${options.namespace} rollout restart statefulset/${target.workloads.runtime?.metadata?.name ?? '?'}`,
    ],
    'ready to push',
  );
  const report = (extra: object): object => ({
    release: options.release,
    namespace: options.namespace,
    plugin: manifest?.name,
    folder,
    pod: target.pod.name,
    files: local.plugin.files,
    checks,
    dryRun: options.dryRun,
    ...extra,
  });
  const verdict = await planGate(ctx, options, plan, {done: 'copied', report});
  if (!verdict) return 0;
  if (!options.yes) {
    const ok = await askConfirm(
      ctx,
      {
        message: `Push ${manifest?.name} and restart the runtime pods${verdict.warnings ? `, accepting ${verdict.warnings} warning(s)` : ''}?`,
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (!ok) throw new CancelledError('Nothing was copied.');
  }
  const scripts = pushScripts(folder as string);
  const restartSteps = target.workloads.runtime
    ? rolloutSteps(await restartTarget(target.conn, options.namespace, options.release, target.workloads.runtime))
    : [];
  const outcome = await withProgress<{copied: boolean; problems: string[]; rollout?: RolloutResult; error?: string}>(
    ctx,
    {
      title: `Pushing ${manifest?.name}`,
      steps: [
        {id: 'copy', title: `Copy ${local.plugin.files.length} file(s) into pod ${target.pod.name} (tar over exec)`},
        {id: 'verify', title: 'Verify every file (sha256) in the pod'},
        {id: 'activate', title: `Move into ${destination}`},
        ...restartSteps,
      ],
      live: ctx.interactive && !options.json,
      footer: {
        running: 'Ctrl-C stops; a copy that did not finish is removed, a restart goes on in the cluster.',
        stopping: 'Stopping…',
      },
      onError: (error, store) => {
        store.line(error instanceof Error ? error.message : String(error));
        return {copied: false, problems: [], error: error instanceof Error ? error.message : String(error)};
      },
    },
    async (store) => {
      store.step('copy', 'running');
      try {
        await run(target, options.namespace, scripts.unpack, 'Unpacking the plugin', {
          stdin: tarArchive(local.entries),
          signal: ctx.signal,
        });
        store.step('copy', 'done', `${local.bytes} bytes`);
        store.step('verify', 'running');
        const problems = compareSums(
          local.plugin.files,
          parseSums(await run(target, options.namespace, scripts.sums, 'Checking the files')),
        );
        if (problems.length > 0) {
          store.step('verify', 'failed', problems.slice(0, 3).join('; '));
          await run(target, options.namespace, scripts.cleanup, 'Removing the copy').catch(() => undefined);
          return {copied: false, problems};
        }
        store.step('verify', 'done', `${local.plugin.files.length} file(s) identical`);
        store.step('activate', 'running');
        await run(target, options.namespace, scripts.activate, 'Moving the plugin into place');
        store.step('activate', 'done');
      } catch (error) {
        await run(target, options.namespace, scripts.cleanup, 'Removing the copy').catch(() => undefined);
        throw error;
      }
      const rollout = await restartAfter(ctx, target, options, store);
      return {copied: true, problems: [], ...(rollout ? {rollout} : {})};
    },
  );
  const ok = outcome.copied && outcome.problems.length === 0 && (outcome.rollout?.done ?? true);
  if (options.json) {
    writeJson(
      ctx,
      report({
        ok,
        outcome: !outcome.copied
          ? 'failed'
          : outcome.rollout?.done === false
            ? outcome.rollout.stopped
              ? 'stopped'
              : 'timeout'
            : 'pushed',
        verified: outcome.copied,
        problems: outcome.problems,
        ...(outcome.rollout ? {rollout: outcome.rollout} : {}),
        ...(outcome.error ? {error: outcome.error} : {}),
      }),
    );
  } else {
    await showResult(
      ctx,
      {
        outcome: ok ? 'deployed' : outcome.rollout?.stopped ? 'cancelled' : 'failed',
        mode: 'plugins',
        headline: ok
          ? `✔ ${manifest?.name} is in ${destination} and the runtime pods restarted`
          : outcome.copied
            ? `! ${manifest?.name} is in ${destination}, but the restart did not finish`
            : `✖ ${manifest?.name} was not pushed`,
        release: options.release,
        namespace: options.namespace,
        access: [],
        problems: [],
        ...(outcome.error ? {helmError: outcome.error} : {}),
        verified: [
          ...(outcome.copied ? [`✔ ${local.plugin.files.length} file(s) landed byte for byte (sha256)`] : []),
          ...outcome.problems.map((problem) => `✖ ${problem}`),
          ...(outcome.rollout
            ? [`${outcome.rollout.done ? '✔' : '…'} pods replaced: ${outcome.rollout.order.join(', ') || 'none yet'}`]
            : []),
        ],
        nextSteps:
          outcome.rollout && !outcome.rollout.done
            ? [rolloutStoppedNote(options.namespace, outcome.rollout.name)]
            : ok
              ? [`List them: buntime-deploy plugins list ${targetFlags(options)}`]
              : [],
      },
      {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)},
    );
  }
  if (outcome.rollout?.stopped) throw new CancelledError('Stopped following; the restart goes on in the cluster.');
  return ok ? 0 : 1;
}

/** `plugins remove NAME`: an uploaded plugin nothing enabled depends on; then the runtime restarts. */
async function runPluginsRemoveUnguarded(
  options: OperateOptions & {readonly name: string},
  ctx: Context,
): Promise<number> {
  const target = await pluginTarget(options, ctx);
  const installed = await installedPlugins(target, options.namespace, ctx.signal);
  const sharing = sharingCheck(target);
  const checks = [...(sharing ? [sharing] : []), ...removeChecks(options.name, installed)];
  const plugin = findPlugin(installed, options.name).find((item) => item.source === 'uploaded');
  const path = `${UPLOADED_DIR}/${plugin?.folder ?? options.name}`;
  const plan = view(
    `Plugin remove — ${plugin?.name ?? options.name} from ${options.release} in ${options.namespace}`,
    [
      {label: 'Remove', lines: [`${path} through pod ${target.pod.name}`]},
      {label: 'Then', lines: [`restart StatefulSet ${target.workloads.runtime?.metadata?.name ?? '?'}`]},
    ],
    checks,
    [
      `kubectl -n ${options.namespace} exec ${target.pod.name} -c ${target.container} -- rm -rf ${path}`,
      `kubectl -n ${options.namespace} rollout restart statefulset/${target.workloads.runtime?.metadata?.name ?? '?'}`,
    ],
    'ready to remove',
  );
  const report = (extra: object): object => ({
    release: options.release,
    namespace: options.namespace,
    plugin: plugin?.name ?? options.name,
    folder: plugin?.folder,
    checks,
    dryRun: options.dryRun,
    ...extra,
  });
  if (!(await planGate(ctx, options, plan, {done: 'removed', report, nothingToDo: !plugin})) || !plugin) return 0;
  if (
    !options.yes &&
    !(await askConfirm(
      ctx,
      {message: `Remove ${plugin.name} and restart the runtime pods?`, default: false},
      {answer: '--yes'},
    ))
  )
    throw new CancelledError('Nothing was removed.');
  const restartSteps = target.workloads.runtime
    ? rolloutSteps(await restartTarget(target.conn, options.namespace, options.release, target.workloads.runtime))
    : [];
  const outcome = await withProgress<{removed: boolean; rollout?: RolloutResult; error?: string}>(
    ctx,
    {
      title: `Removing ${plugin.name}`,
      steps: [{id: 'remove', title: `rm -rf ${path}`}, ...restartSteps],
      live: ctx.interactive && !options.json,
      footer: {running: 'Ctrl-C stops following; a restart goes on in the cluster.', stopping: 'Stopping…'},
      onError: (error) => ({removed: false, error: error instanceof Error ? error.message : String(error)}),
    },
    async (store) => {
      store.step('remove', 'running');
      await run(target, options.namespace, removeScript(plugin.folder), 'Removing the plugin');
      store.step('remove', 'done');
      const rollout = await restartAfter(ctx, target, options, store);
      return {removed: true, ...(rollout ? {rollout} : {})};
    },
  );
  const ok = outcome.removed && (outcome.rollout?.done ?? true);
  if (options.json) writeJson(ctx, report({ok, outcome: ok ? 'removed' : 'failed', ...outcome}));
  else
    await showResult(
      ctx,
      {
        outcome: ok ? 'deployed' : 'failed',
        mode: 'plugins',
        headline: ok
          ? `✔ ${plugin.name} removed and the runtime pods restarted`
          : `✖ ${plugin.name} was not removed completely`,
        release: options.release,
        namespace: options.namespace,
        access: [],
        problems: [],
        ...(outcome.error ? {helmError: outcome.error} : {}),
        nextSteps:
          outcome.rollout && !outcome.rollout.done ? [rolloutStoppedNote(options.namespace, outcome.rollout.name)] : [],
      },
      {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)},
    );
  if (outcome.rollout?.stopped) throw new CancelledError('Stopped following; the restart goes on in the cluster.');
  return ok ? 0 : 1;
}

/** PluginsPush: refused for a release a GitOps engine owns (unless --force), under the release lock. */
export async function runPluginsPush(options: OperateOptions & {readonly dir: string}, ctx: Context): Promise<number> {
  return guardedOperation(options, ctx, {command: 'plugins push', owned: 'restart', consent: true}, () =>
    runPluginsPushUnguarded(options, ctx),
  );
}

/** plugins remove: refused for a release a GitOps engine owns (unless --force), under the release lock. */
export async function runPluginsRemove(
  options: OperateOptions & {readonly name: string},
  ctx: Context,
): Promise<number> {
  return guardedOperation(options, ctx, {command: 'plugins remove', owned: 'restart', consent: true}, () =>
    runPluginsRemoveUnguarded(options, ctx),
  );
}

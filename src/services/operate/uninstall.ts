import {
  releaseAllValues,
  releaseHistory,
  releaseManifest,
  scopeOf,
  uninstallRelease,
  type ApplyResult,
  type HelmTarget,
} from '../../adapters/helm/release.js';
import {
  deleteClaims,
  deleteSecret,
  listClaims,
  secretMeta,
  waitClaimsGone,
} from '../../adapters/kube/release-claims.js';
import {discoverRelease} from '../../adapters/kube/workloads.js';
import type {Context} from '../../context.js';
import {credentialsSecretName} from '../../core/credentials/keys.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {commandLine, uninstallArgs} from '../../core/helm/command.js';
import type {ClaimFact} from '../../core/operate/claims.js';
import {planUninstall, uninstallLines, type UninstallPlan} from '../../core/operate/uninstall.js';
import {parseManifest} from '../../core/upgrade/manifest.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {confirmTyped, type PlanView} from '../../ui/operate/index.js';
import {presentPlan} from './plan-gate.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {showResult} from '../../ui/wizard/index.js';
import {offerBackup} from './backup.js';
import {withProgress} from './progress.js';
import {guardedOperation} from './guarded.js';
import {openSession, pageFor, targetFlags, writeJson, type OperateOptions} from './session.js';

export interface UninstallOptions extends OperateOptions {
  /** Also delete every listed claim and the credentials Secret (after typing the release name). */
  readonly deleteData: boolean;
  /** Run a backup Job from the CronJob first (headless; at a terminal it is offered). */
  readonly backup: boolean;
}

/**
 * Without a release, the claims tell the fullname: the shared plugins claim carries helm's
 * ownership annotation for the release (a fullnameOverride is followed that way).
 */
function fullnameFromClaims(release: string, claims: readonly ClaimFact[]): string {
  const plugins = claims.find((claim) => claim.helmRelease === release && claim.name.endsWith('-plugins'));
  return plugins ? plugins.name.replace(/-plugins$/, '') : chartFullname(release, {});
}

function planView(plan: UninstallPlan): PlanView {
  return {
    title: `Uninstall — ${plan.release} in ${plan.namespace}${plan.deleteData ? ' (and DELETE its data)' : ' (data kept)'}`,
    fields: [],
    sections: [{title: 'What goes and what stays', lines: uninstallLines(plan)}],
    checks: [
      ...(plan.deleteData && (plan.claims.length > 0 || plan.secret)
        ? [
            {
              id: 'delete-data',
              severity: 'warning' as const,
              message: `--delete-data deletes ${plan.claims.length} claim(s)${plan.secret ? ` and Secret ${plan.secret.name}` : ''}: the data and the root key are gone for good.`,
              hint: plan.backupCronJob ? 'A backup is offered first.' : 'Backups are not configured for this release.',
            },
          ]
        : []),
    ],
    commands: [...(plan.command ? [plan.command] : []), ...(plan.deleteData ? plan.deleteCommands : [])],
    ready: plan.deleteData
      ? 'ready to uninstall and delete the data'
      : 'ready to uninstall (every claim and the Secret stay)',
  };
}

interface UninstallOutcome {
  readonly helm?: ApplyResult;
  readonly deletedClaims: readonly string[];
  readonly pendingClaims: readonly string[];
  readonly deletedSecret: boolean;
  readonly error?: string;
}

/**
 * `uninstall`: says exactly what goes (helm's objects) and what stays (every claim by name and size,
 * the credentials Secret), keeps all data by default; --delete-data deletes exactly the listed claims
 * and the Secret, by UID, after the person types the release name (headless: --yes --delete-data).
 */
async function runUninstallUnguarded(options: UninstallOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, true);
  const target = session.target as HelmTarget;
  const history = await releaseHistory(target, ctx.signal);
  const installed = history.length > 0;
  const [manifestText, allValues, claims] = await Promise.all([
    installed ? releaseManifest(target, ctx.signal) : Promise.resolve(undefined),
    installed ? releaseAllValues(target, ctx.signal) : Promise.resolve(undefined),
    listClaims(session.conn, options.namespace, ctx.signal),
  ]);
  const fullname = installed
    ? chartFullname(options.release, allValues ?? {})
    : fullnameFromClaims(options.release, claims);
  const secretName = credentialsSecretName(fullname);
  const [secret, wiring] = await Promise.all([
    secretMeta(session.conn, options.namespace, secretName),
    installed ? discoverRelease(session.conn, options.namespace, options.release) : Promise.resolve(undefined),
  ]);
  const args = uninstallArgs(scopeOf(target), options.timeout);
  const command = commandLine(target.helm.path, args);
  const plan = planUninstall({
    release: options.release,
    namespace: options.namespace,
    fullname,
    ...(installed ? {manifest: parseManifest(manifestText ?? '')} : {}),
    claims,
    ...(secret ? {secret} : {}),
    ...(installed ? {command} : {}),
    deleteData: options.deleteData,
    ...(wiring?.backup ? {backupCronJob: wiring.backup.cronJob} : {}),
  });
  const report = (extra: object): object => ({
    release: plan.release,
    namespace: plan.namespace,
    installed: plan.installed,
    dryRun: options.dryRun,
    deleteData: plan.deleteData,
    removed: plan.removed,
    claims: plan.claims.map((claim) => ({
      name: claim.name,
      uid: claim.uid,
      role: claim.role,
      size: claim.capacity ?? claim.request,
      storageClass: claim.storageClass,
      accessModes: claim.accessModes,
      action: plan.deleteData ? 'delete' : 'keep',
    })),
    secret: plan.secret
      ? {name: plan.secret.name, keys: plan.secret.keys, action: plan.deleteData ? 'delete' : 'keep'}
      : null,
    ...(installed ? {helm: {argv: args, command}} : {}),
    deleteCommands: plan.deleteCommands,
    ...extra,
  });
  if (!installed && plan.claims.length === 0 && !plan.secret)
    throw new UserError(
      `Release ${options.release} is not installed in namespace ${options.namespace}, and it left no data there.`,
      {
        hint: 'Check --release, --namespace and --kube-context (helm list -A lists every release).',
      },
    );
  await presentPlan(ctx, options, planView(plan));
  const nothingToDo = !installed && !options.deleteData;
  if (options.dryRun || nothingToDo) {
    if (options.json) writeJson(ctx, report({ok: true, outcome: options.dryRun ? 'dry-run' : 'nothing-to-do'}));
    return 0;
  }
  if (!options.yes) {
    const ok = options.deleteData
      ? await confirmTyped(ctx, {
          message: `This deletes ${plan.claims.length} claim(s) and the credentials for good. Type the release name (${options.release}) to confirm:`,
          expected: options.release,
          flag: '--yes --delete-data',
        })
      : await askConfirm(
          ctx,
          {message: `Uninstall ${options.release}? Every claim and the credentials Secret stay.`, default: false},
          {answer: '--yes'},
        );
    if (!ok) throw new CancelledError('Nothing was uninstalled or deleted.');
  }
  if (plan.backupCronJob)
    await offerBackup(ctx, {
      conn: session.conn,
      namespace: options.namespace,
      cronJob: plan.backupCronJob,
      wanted: options.backup,
      verb: 'uninstall',
    });
  const steps = [
    ...(installed ? [{id: 'helm', title: command}] : []),
    ...(options.deleteData
      ? [
          {id: 'claims', title: `Delete ${plan.claims.length} claim(s)`},
          {id: 'secret', title: `Delete Secret ${plan.secret?.name ?? secretName}`},
        ]
      : []),
  ];
  const outcome = await withProgress<UninstallOutcome>(
    ctx,
    {
      title: `Uninstalling ${options.release}`,
      steps,
      live: ctx.interactive && !options.json,
      footer: {
        running: 'Ctrl-C stops here; what is already deleted stays deleted, the rest is left as it is.',
        stopping: 'Stopping…',
      },
      onError: (error) => ({
        deletedClaims: [],
        pendingClaims: [],
        deletedSecret: false,
        error: error instanceof Error ? error.message : String(error),
      }),
    },
    async (store) => {
      let helm: ApplyResult | undefined;
      if (installed) {
        store.step('helm', 'running');
        helm = await uninstallRelease(target, {
          timeout: options.timeout,
          signal: ctx.signal,
          onLine: (line) => store.line(line),
        });
        store.step(
          'helm',
          helm.ok ? 'done' : 'failed',
          helm.ok ? undefined : helm.cancelled ? 'stopped' : `exit ${helm.exitCode}`,
        );
        // Data goes only after helm let go of everything that used it.
        if (!helm.ok) return {helm, deletedClaims: [], pendingClaims: [], deletedSecret: false};
      }
      if (!options.deleteData)
        return {...(helm ? {helm} : {}), deletedClaims: [], pendingClaims: [], deletedSecret: false};
      store.step('claims', 'running');
      const deletedClaims = await deleteClaims(session.conn, options.namespace, plan.claims);
      const pendingClaims = await waitClaimsGone(session.conn, options.namespace, deletedClaims, {
        timeoutMs: 60_000,
        signal: ctx.signal,
      });
      store.step(
        'claims',
        'done',
        pendingClaims.length
          ? `${deletedClaims.length} deleted; ${pendingClaims.length} still finishing (kept until no pod uses them)`
          : `${deletedClaims.length} deleted`,
      );
      store.step('secret', 'running');
      const deletedSecret = plan.secret
        ? await deleteSecret(session.conn, options.namespace, plan.secret.name, plan.secret.uid)
        : false;
      store.step('secret', plan.secret ? 'done' : 'skipped', plan.secret ? undefined : 'none');
      return {...(helm ? {helm} : {}), deletedClaims, pendingClaims, deletedSecret};
    },
  );
  const ok = !outcome.error && (outcome.helm?.ok ?? true);
  const keptLines = options.deleteData
    ? [
        `Deleted claims: ${outcome.deletedClaims.join(', ') || 'none'}`,
        ...(outcome.pendingClaims.length ? [`Still finishing: ${outcome.pendingClaims.join(', ')}`] : []),
        `Credentials Secret: ${outcome.deletedSecret ? 'deleted' : 'none'}`,
      ]
    : [
        `Kept claims: ${plan.claims.map((claim) => claim.name).join(', ') || 'none'}`,
        `Kept Secret: ${plan.secret?.name ?? 'none'}`,
      ];
  if (options.json) {
    writeJson(
      ctx,
      report({
        ok,
        outcome: ok ? 'uninstalled' : outcome.helm?.cancelled ? 'cancelled' : 'failed',
        ...(outcome.helm ? {executed: outcome.helm.argv} : {}),
        deletedClaims: outcome.deletedClaims,
        pendingClaims: outcome.pendingClaims,
        deletedSecret: outcome.deletedSecret,
        ...(outcome.error ? {error: outcome.error} : {}),
      }),
    );
  } else {
    await showResult(
      ctx,
      {
        outcome: ok ? 'deployed' : outcome.helm?.cancelled ? 'cancelled' : 'failed',
        mode: 'uninstall',
        headline: ok
          ? `✔ ${options.release} is ${installed ? 'uninstalled' : 'gone'}${options.deleteData ? ', its data deleted' : '; its data is kept'}`
          : `✖ The uninstall of ${options.release} did not finish`,
        release: options.release,
        namespace: options.namespace,
        access: [],
        problems: [],
        ...(outcome.error ? {helmError: outcome.error} : {}),
        ...(outcome.helm && !outcome.helm.ok
          ? {helmError: (outcome.helm.stderr || outcome.helm.stdout).trim().split('\n').slice(-6).join('\n')}
          : {}),
        ...(outcome.helm ? {command: outcome.helm.command} : {}),
        verified: keptLines,
        nextSteps:
          ok && !options.deleteData
            ? [
                `Install again over the kept data (same claims, same root key): buntime-deploy install ${targetFlags(options)}`,
                `Delete the data later: buntime-deploy uninstall ${targetFlags(options)} --delete-data`,
              ]
            : [],
      },
      {columns: ctx.stdout.columns ?? 100, page: pageFor(ctx, options)},
    );
  }
  if (outcome.helm?.cancelled) throw new CancelledError('Stopped: helm was interrupted.');
  return ok ? 0 : 1;
}

/** Uninstall: refused for a release a GitOps engine owns (unless --force), under the release lock. */
export async function runUninstall(options: UninstallOptions, ctx: Context): Promise<number> {
  return guardedOperation(options, ctx, {command: 'uninstall', owned: 'uninstall', consent: true}, () =>
    runUninstallUnguarded(options, ctx),
  );
}

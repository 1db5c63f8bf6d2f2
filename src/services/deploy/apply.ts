import type {HelmBinary} from '../../adapters/helm/binary.js';
import {ensureChart, writeAppliedFiles} from '../../adapters/applied-files.js';
import {releaseHistory, runHelmChange, type ApplyResult, type HelmTarget} from '../../adapters/helm/release.js';
import type {KubeConnection} from '../../adapters/kube/client.js';
import {ensureNamespace, writeCredentials} from '../../adapters/kube/credentials-secret.js';
import {podEventProblems, podProblems, type PodProblem} from '../../adapters/kube/pod-problems.js';
import {CREDENTIAL_KEYS, type CredentialName} from '../../core/credentials/keys.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import {createRedactor} from '../../core/values/secrets.js';
import {recoveryFor, releaseHealth, type RecoveryOffer} from '../../core/upgrade/recovery.js';
import type {Context} from '../../context.js';
import {type ApplyStore, createApplyStore, printApplyProgress, runApplyScreen} from '../../ui/wizard/index.js';
import type {ReleaseTarget} from '../target.js';
import type {DeployPlan} from './plan.js';

const VALUES_HEADER = '# Values applied by buntime-deploy (no secrets: they are in the credentials Secret).';
const SECRETS_HEADER = '# Secrets applied by buntime-deploy as a file (mode 0600). Never commit it.';

export interface ApplyRequest {
  readonly plan: DeployPlan;
  readonly helm: HelmBinary;
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
  /** The chart as loaded; copied to `plan.helm.chart` first when that is a kept copy. */
  readonly chartDir: string;
  readonly connection: KubeConnection;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** helm runs here, so relative paths in the printed command mean what they say. */
  readonly cwd: string;
  readonly store: ApplyStore;
  readonly redact: (text: string) => string;
  /** Ctrl-C: helm gets SIGTERM (it marks the release failed and rolls back). */
  readonly signal: AbortSignal;
}

export interface ApplyOutcome {
  readonly outcome: 'deployed' | 'failed' | 'cancelled';
  readonly result?: ApplyResult;
  readonly releaseState?: {readonly status: string; readonly revision: number; readonly description?: string} | 'none';
  readonly recovery?: RecoveryOffer;
  readonly problems: readonly PodProblem[];
  /** The end of helm's error output, redacted. */
  readonly helmError?: string;
  /** The chart's NOTES that helm printed after a successful apply, redacted. */
  readonly notes?: string;
}

/** What helm printed under `NOTES:` (helm 3 and 4 both end their apply output with it). */
export function helmNotes(stdout: string): string | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'NOTES:');
  if (start < 0) return undefined;
  const notes = lines
    .slice(start + 1)
    .join('\n')
    .replace(/\s+$/, '');
  return notes === '' ? undefined : notes;
}

/** The steps the Apply screen shows, in order. */
export const APPLY_STEPS = [
  {id: 'namespace', title: 'Namespace'},
  {id: 'secret', title: 'Credentials Secret'},
  {id: 'helm', title: 'helm upgrade --install (waits until pods are Ready)'},
] as const;

/** How often the failing pods are sampled while helm waits (a rollback deletes them afterwards). */
const SAMPLE_MS = 3000;

/**
 * Samples the release's unhealthy pods while helm waits. An install rolled back by --atomic deletes
 * the pods before we could ask why they never became Ready, so the last sample is what we show.
 */
function samplePods(request: ApplyRequest): {stop(): readonly PodProblem[]} {
  let last: readonly PodProblem[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void podProblems(request.connection, request.namespace, request.release)
      .then(({problems}) => {
        if (problems.some((problem) => problem.reason || problem.events.length > 0)) last = problems;
      })
      .finally(() => (busy = false));
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return last;
    },
  };
}

/** Reads what the release looks like after a failure or Ctrl-C (fresh signal: the run's may be aborted). */
async function afterState(
  request: ApplyRequest,
  sampled: readonly PodProblem[],
): Promise<Pick<ApplyOutcome, 'releaseState' | 'recovery' | 'problems'>> {
  const target: HelmTarget = {
    helm: request.helm,
    release: request.release,
    namespace: request.namespace,
    ...(request.kubeContext ? {kubeContext: request.kubeContext} : {}),
    ...(request.env ? {env: request.env} : {}),
  };
  const signal = AbortSignal.timeout(30_000);
  let releaseState: ApplyOutcome['releaseState'];
  let recovery: RecoveryOffer | undefined;
  try {
    const health = releaseHealth(await releaseHistory(target, signal));
    if (health.kind === 'none') releaseState = 'none';
    else
      releaseState = {
        status: health.kind === 'deployed' ? 'deployed' : 'status' in health ? health.status : health.kind,
        revision: health.revision,
        ...('description' in health ? {description: request.redact(health.description)} : {}),
      };
    recovery = recoveryFor(health, target, {path: request.helm.path, timeout: '10m'});
  } catch {
    releaseState = undefined;
  }
  const now = (await podProblems(request.connection, request.namespace, request.release)).problems;
  const problems =
    now.length > 0
      ? now
      : sampled.length > 0
        ? sampled
        : await podEventProblems(request.connection, request.namespace, `${request.plan.fullname}-`);
  return {
    releaseState,
    ...(recovery ? {recovery} : {}),
    problems: problems.map((problem) => ({
      ...problem,
      message: problem.message ? request.redact(problem.message) : undefined,
      events: problem.events.map((event) => ({...event, message: request.redact(event.message)})),
    })),
  };
}

/**
 * Applies a plan: namespace, the credentials Secret (through the API), then helm with values
 * files only. On failure or Ctrl-C it reads the release state back and the failing pods' events,
 * so the user learns what happened and what is left, never just "context deadline exceeded".
 */
export async function applyPlan(request: ApplyRequest): Promise<ApplyOutcome> {
  const {store, plan} = request;
  store.step('namespace', 'running');
  store.step('namespace', 'done', await ensureNamespace(request.connection, request.namespace));
  const names = Object.keys(plan.credentials) as CredentialName[];
  if (names.length > 0) {
    store.step('secret', 'running');
    await writeCredentials(
      request.connection,
      {namespace: request.namespace, name: plan.secretName, release: request.release},
      plan.credentials,
    );
    store.step('secret', 'done', `${plan.secretName}: ${names.map((name) => CREDENTIAL_KEYS[name]).join(', ')}`);
  } else {
    store.step('secret', 'skipped', 'nothing to store');
  }
  store.step('helm', 'running');
  // The files the printed command names, written where it says (they stay for a re-run by hand).
  await writeAppliedFiles(plan.helm.files, {
    values: toHelmYaml(plan.helmValues, VALUES_HEADER),
    ...(plan.helm.files.secrets ? {secrets: toHelmYaml(plan.secretValues, SECRETS_HEADER)} : {}),
  });
  await ensureChart(request.chartDir, plan.helm.chart);
  const sampler = samplePods(request);
  const onAbort = (): void => store.stopping();
  request.signal.addEventListener('abort', onAbort, {once: true});
  let result: ApplyResult;
  try {
    result = await runHelmChange({
      helm: request.helm,
      args: plan.helm.args,
      cwd: request.cwd,
      ...(request.env ? {env: request.env} : {}),
      signal: request.signal,
      onLine: (line) => store.line(request.redact(line)),
    });
  } finally {
    request.signal.removeEventListener('abort', onAbort);
  }
  const sampled = sampler.stop();
  if (result.ok) {
    store.step('helm', 'done');
    const notes = helmNotes(result.stdout);
    return {outcome: 'deployed', result, problems: [], ...(notes ? {notes: request.redact(notes)} : {})};
  }
  store.step('helm', 'failed', result.cancelled ? 'stopped' : `exit ${result.exitCode}`);
  const state = await afterState(request, sampled);
  const helmError = request.redact((result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n'));
  return {outcome: result.cancelled ? 'cancelled' : 'failed', result, ...state, ...(helmError ? {helmError} : {})};
}

/**
 * Applies a plan with visible progress: the live Apply screen at a terminal (`live`), otherwise one
 * line per step on stderr (CI logs). The one place the wizard and install/upgrade apply from; the
 * request is the run's context (release, cluster, helm, Ctrl-C signal) plus the plan.
 */
export async function applyWithProgress(
  ctx: Context,
  input: {
    readonly plan: DeployPlan;
    readonly mode: 'install' | 'upgrade';
    readonly target: ReleaseTarget;
    readonly helm: HelmBinary;
    readonly chartDir: string;
    readonly connection: KubeConnection;
    readonly live: boolean;
  },
): Promise<ApplyOutcome> {
  const {plan, target} = input;
  const request: ApplyRequest = {
    plan,
    helm: input.helm,
    release: target.release,
    namespace: target.namespace,
    ...(target.kubeContext ? {kubeContext: target.kubeContext} : {}),
    chartDir: input.chartDir,
    connection: input.connection,
    env: ctx.env,
    cwd: ctx.cwd,
    redact: createRedactor(plan.secretStrings),
    signal: ctx.signal,
    store: createApplyStore(
      APPLY_STEPS.map((step) => (step.id === 'namespace' ? {...step, title: `Namespace ${target.namespace}`} : step)),
    ),
  };
  const run = (): Promise<ApplyOutcome> => applyPlan(request);
  if (input.live) {
    return runApplyScreen(ctx, {
      store: request.store,
      title: `${input.mode === 'install' ? 'Installing' : 'Upgrading'} ${target.release}`,
      work: run,
      onError: (error) => ({
        outcome: 'failed',
        problems: [],
        helmError: request.redact(error instanceof Error ? error.message : String(error)),
      }),
    });
  }
  const stop = printApplyProgress(request.store, (text) => ctx.stderr.write(text), ctx.style);
  try {
    return await run();
  } finally {
    stop();
  }
}

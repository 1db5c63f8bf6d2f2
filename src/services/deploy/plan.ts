import {isDeepStrictEqual} from 'node:util';
import {stringify} from 'yaml';
import type {HelmBinary} from '../../adapters/helm/binary.js';
import {helmTemplate} from '../../adapters/helm/template.js';
import type {LoadedInputs} from '../../adapters/render-inputs.js';
import {applyArgs, commandLine} from '../../core/helm/command.js';
import type {CredentialName, Credentials} from '../../core/credentials/keys.js';
import {type SecretLookup, checkSecretRefs, requiredSecretRefs} from '../../core/credentials/secret-refs.js';
import {credentialsSecretName} from '../../core/credentials/keys.js';
import {ExternalError} from '../../core/errors.js';
import {planUpgrade, type UpgradePlan} from '../../core/upgrade/plan.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {prefillFromLive} from '../../core/upgrade/prefill.js';
import type {KubeObject} from '../../core/upgrade/manifest.js';
import type {PreflightCheck, ValueFix} from '../../core/upgrade/types.js';
import {getPath, mergeValues, setPath, type Values} from '../../core/values/paths.js';
import {renderValues, type RenderResult, type ValuesLayer} from '../../core/values/render.js';
import {mask, maskText} from '../../core/values/secrets.js';
import type {CredentialView, ReviewModel, RuleView} from '../../ui/wizard/review-model.js';
import type {ClusterFacts} from './cluster-facts.js';
import {decideCredentials} from './credentials-plan.js';
import type {DeployedRelease} from './live.js';

export interface PlanRequest {
  readonly mode: 'install' | 'upgrade' | 'render';
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
  readonly inputs: LoadedInputs;
  /** The interactive wizard's answers (raw), as one more layer after the -f files. */
  readonly wizardAnswers?: Values;
  /** Safe fixes the user accepted (keep live settings…). */
  readonly fixes?: readonly ValueFix[];
  readonly cluster?: ClusterFacts;
  readonly live?: DeployedRelease;
  /** Credentials already in the release's Secret. */
  readonly existingCredentials: Credentials;
  /** S3 keys typed in the wizard. */
  readonly typedCredentials?: Credentials;
  /** Secrets go to the cluster Secret (true) or inline to the 0600 file (false, render-only). */
  readonly online: boolean;
  readonly helm?: HelmBinary;
  /**
   * Reads which keys a Secret of the namespace holds (names only), to check before helm runs that
   * every Secret the release reads but does not create exists and has every key. Online only.
   */
  readonly secretKeys?: (name: string) => Promise<SecretLookup>;
  /**
   * Where the values go and the chart as helm gets it: the printed command names exactly these,
   * and they exist after the run (see adapters/applied-files.ts). `secrets` is used only when some
   * secret has to travel as a file (render-only, or inline secrets the cluster cannot hold).
   */
  readonly output: {readonly values: string; readonly secrets: string; readonly chart: string};
  /** A `helm template` started early (prerenderChart); used when the final values are the same. */
  readonly prerendered?: PrerenderedChart;
  readonly timeout: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /**
   * The wizard takes the pre-upgrade backup itself (a Job from the CronJob, awaited): its check is
   * then a step the Review announces, not a warning to accept and be asked about again.
   */
  readonly backupFirst?: boolean;
}

export interface DeployPlan {
  readonly render: RenderResult;
  readonly fullname: string;
  readonly secretName: string;
  /** Values for helm (no secrets when online). */
  readonly helmValues: Values;
  /** Inline secrets (render-only): the 0600 file. */
  readonly secretValues: Values;
  readonly credentials: Credentials;
  readonly generated: readonly CredentialName[];
  readonly upgrade: UpgradePlan;
  readonly review: ReviewModel;
  /** Every secret string, to scrub any text shown. */
  readonly secretStrings: readonly string[];
  /** The helm run: argv after `helm` (printed in the Review, run by Apply), and the files it names. */
  readonly helm: {
    readonly args: readonly string[];
    readonly command: string;
    readonly files: {readonly values: string; readonly secrets?: string};
    readonly chart: string;
  };
}

/** What the values depend on: everything in a plan request but where its files go. */
type ValuesRequest = Omit<PlanRequest, 'output' | 'prerendered'>;

function layers(request: ValuesRequest, extra: readonly ValuesLayer[]): ValuesLayer[] {
  const out: ValuesLayer[] = [];
  if (request.live)
    out.push({
      label: 'live release (helm get values)',
      values: prefillFromLive(request.live.userValues, request.inputs.chartDefaults).answers,
    });
  out.push(...request.inputs.files);
  if (request.wizardAnswers) out.push({label: 'wizard answers', values: request.wizardAnswers});
  if (request.fixes?.length) {
    let fixes: Values = {};
    for (const fix of request.fixes) fixes = setPath(fixes, fix.path, fix.value);
    out.push({label: 'safe fixes', values: fixes});
  }
  return [...out, ...extra];
}

function render(request: ValuesRequest, extra: readonly ValuesLayer[]): RenderResult {
  const {chartDefaults, schema, questions, preset, sets} = request.inputs;
  return renderValues({
    chartDefaults,
    ...(schema ? {schema} : {}),
    ...(questions ? {questions} : {}),
    ...(preset ? {preset} : {}),
    files: layers(request, extra),
    sets,
    release: request.release,
    namespace: request.namespace,
    ...(request.cluster ? {cluster: request.cluster.context} : {}),
  });
}

type TargetManifest = {objects: KubeObject[]; error?: string; skipped?: boolean};

/** `helm template` of these values, started before the live release was read. */
export interface PrerenderedChart {
  readonly values: Values;
  readonly manifest: Promise<TargetManifest>;
}

/** The values helm template and helm upgrade get (public values plus any inline secrets). */
function planValues(request: ValuesRequest): {
  first: RenderResult;
  result: RenderResult;
  decision: ReturnType<typeof decideCredentials>;
  fullname: string;
  secretName: string;
  values: Values;
} {
  const first = render(request, []);
  const fullname = chartFullname(request.release, first.values);
  const secretName = credentialsSecretName(fullname);
  const decision = decideCredentials({
    values: first.values,
    secretName,
    online: request.online,
    existing: request.existingCredentials,
    ...(request.typedCredentials ? {typed: request.typedCredentials} : {}),
  });
  const result = render(request, [{label: 'credentials', values: decision.layer}]);
  return {first, result, decision, fullname, secretName, values: mergeValues(result.public, result.secrets)};
}

/**
 * Starts `helm template` for the values this request gives before anything live is known (no
 * deployed release, no existing Secret), so it runs while helm and the cluster are being read.
 * buildPlan uses its output only when the final values are exactly these (a day-zero install, or
 * an upgrade whose answers say everything the live release holds); otherwise it renders again.
 */
export function prerenderChart(request: ValuesRequest): PrerenderedChart {
  const {values} = planValues(request);
  const manifest = targetManifest(request, values);
  return {values, manifest};
}

async function targetManifest(
  request: ValuesRequest & {readonly prerendered?: PrerenderedChart},
  values: Values,
): Promise<TargetManifest> {
  if (!request.helm) return {objects: [], skipped: true};
  if (request.prerendered && isDeepStrictEqual(request.prerendered.values, values)) return request.prerendered.manifest;
  try {
    const rendered = await helmTemplate({
      helm: request.helm.path,
      chartDir: request.inputs.chartDir,
      release: request.release,
      namespace: request.namespace,
      values,
      env: request.env,
      signal: request.signal,
    });
    return {objects: rendered.docs.map((doc) => doc.object as unknown as KubeObject)};
  } catch (error) {
    return {
      objects: [],
      error: error instanceof ExternalError ? `${error.message}\n${error.stderr.trim()}` : String(error),
    };
  }
}

/**
 * Everything one install/upgrade/render will do, computed without changing anything: values
 * (through core's engine and rules), where the secrets go, the target manifest (helm template),
 * the labelled diff against the live release and the preflights. The same plan feeds the Review,
 * `--dry-run`, `--json` and the apply step.
 */
export async function buildPlan(request: PlanRequest): Promise<DeployPlan> {
  const {result, decision, fullname, secretName, values} = planValues(request);
  const helmValues = result.public;
  const secretValues = result.secrets;
  const manifest = await targetManifest(request, values);
  const extraChecks: PreflightCheck[] = [];
  if (manifest.error) {
    extraChecks.push({
      id: 'chart-renders',
      severity: 'error',
      message: `The chart does not render with these values: ${manifest.error}`,
    });
  } else if (manifest.skipped) {
    extraChecks.push({
      id: 'chart-renders',
      severity: 'info',
      message: 'helm is not installed here, so the chart itself was not rendered; helm checks it when you apply.',
    });
  }
  for (const message of decision.missing) extraChecks.push({id: 'credentials', severity: 'error', message});
  extraChecks.push(...(await existingSecretChecks(request, manifest.objects, result.values, secretName)));
  const issuer = issuerCheck(result.values, request.cluster);
  if (issuer) extraChecks.push(issuer);
  if (request.live) {
    const unknown = prefillFromLive(request.live.userValues, request.inputs.chartDefaults).unknownPaths;
    if (unknown.length)
      extraChecks.push({
        id: 'unknown-live-values',
        severity: 'warning',
        message: `Kept from the live release but unknown to this chart: ${unknown.join(', ')}`,
        hint: 'Remove them from the answers if they are leftovers.',
      });
  }
  const upgrade = planUpgrade({
    ...(request.mode === 'upgrade' && request.live && manifest.objects.length
      ? {
          classify: {
            live: {manifest: request.live.manifest, objects: request.live.storage},
            target: manifest.objects,
            fullname,
            namespace: request.namespace,
            storageClasses: request.cluster?.storageClasses ?? [],
          },
        }
      : {}),
    preflight: {
      target: result.values,
      fullname,
      namespace: request.namespace,
      cluster: {readyNodes: request.cluster?.readyNodes ?? 0, storageClasses: request.cluster?.storageClasses ?? []},
      ...(request.live && request.mode === 'upgrade'
        ? {live: {values: request.live.allValues, objects: request.live.storage}}
        : {}),
      existingCredentials: Object.keys(request.existingCredentials),
      ...(request.online ? {} : {secretsFile: request.output.secrets}),
    },
  });
  const backupCheck = upgrade.checks.find((check) => check.action === 'backup-first');
  const announced: PreflightCheck | undefined =
    backupCheck && request.backupFirst
      ? {
          ...backupCheck,
          severity: 'info',
          message: `A fresh backup runs first: a Job from CronJob ${fullname}-turso-backup; the upgrade starts once it has finished.`,
          hint: 'If it fails, you are asked whether to upgrade without it.',
        }
      : undefined;
  const withExtra: UpgradePlan = {
    ...upgrade,
    checks: [
      ...extraChecks,
      ...upgrade.checks.map((check) => (check === backupCheck && announced ? announced : check)),
    ],
    blockers: [
      ...extraChecks.filter((check) => check.severity === 'error').map((check) => check.message),
      ...upgrade.blockers,
    ],
    warnings: [
      ...extraChecks.filter((check) => check.severity === 'warning').map((check) => check.message),
      ...upgrade.warnings.filter((message) => !(announced && message === backupCheck?.message)),
    ],
  };
  const secretStrings = [...Object.values(decision.credentials), ...collectStrings(secretValues)].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const helm = helmRun(request, Object.keys(secretValues).length > 0);
  const review = reviewModel(request, result, withExtra, decision, secretName, secretStrings, helm.command);
  return {
    render: result,
    fullname,
    secretName,
    helmValues,
    secretValues,
    credentials: decision.credentials,
    generated: decision.generated,
    upgrade: withExtra,
    review,
    secretStrings,
    helm,
  };
}

/**
 * Every Secret the rendered release reads but does not create (existingSecret values, extraEnv
 * references) must exist and hold each key it reads, or pods stop in CreateContainerConfigError
 * after helm has already changed things. The wizard's own credentials Secret is written by apply.
 */
async function existingSecretChecks(
  request: PlanRequest,
  objects: readonly KubeObject[],
  values: Values,
  ownSecret: string,
): Promise<PreflightCheck[]> {
  const lookup = request.secretKeys;
  if (!request.online || !lookup || objects.length === 0) return [];
  const refs = requiredSecretRefs(objects).filter((ref) => ref.secret !== ownSecret);
  const lookups = new Map<string, SecretLookup>();
  const unreadable: PreflightCheck[] = [];
  for (const name of new Set(refs.map((ref) => ref.secret))) {
    try {
      lookups.set(name, await lookup(name));
    } catch (error) {
      unreadable.push({
        id: 'existing-secret',
        severity: 'warning',
        message: `Could not check Secret ${request.namespace}/${name}: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Make sure it exists and holds every key the chart reads; pods that read a missing key do not start.',
      });
    }
  }
  return [...checkSecretRefs(refs, lookups, values, request.namespace), ...unreadable];
}

/** An Ingress certificate from a cert-manager ClusterIssuer that this cluster does not have. */
function issuerCheck(values: Values, cluster: ClusterFacts | undefined): PreflightCheck | undefined {
  const issuer = getPath(values, 'ingress.tls.clusterIssuer');
  if (
    !cluster ||
    typeof issuer !== 'string' ||
    issuer === '' ||
    getPath(values, 'ingress.tls.enabled') !== true ||
    !getPath(values, 'ingress.host')
  )
    return undefined;
  if (cluster.issuersInstalled === false) {
    return {
      id: 'cluster-issuer',
      severity: 'warning',
      message: `ingress.tls.clusterIssuer is '${issuer}' but cert-manager is not installed: no certificate will be issued.`,
      hint: 'Install cert-manager, or clear the issuer and provide ingress.tls.secretName yourself.',
    };
  }
  if (!cluster.issuers.includes(issuer)) {
    return {
      id: 'cluster-issuer',
      severity: 'warning',
      message: `ClusterIssuer '${issuer}' does not exist in this cluster: the certificate stays pending.`,
      hint: cluster.issuers.length
        ? `Existing ClusterIssuers: ${cluster.issuers.join(', ')}.`
        : 'Create the ClusterIssuer first.',
    };
  }
  return undefined;
}

/** The helm command this plan runs (render-only: would run), helm 3/4 aware, and the files it names. */
function helmRun(request: PlanRequest, withSecrets: boolean): DeployPlan['helm'] {
  const files = {values: request.output.values, ...(withSecrets ? {secrets: request.output.secrets} : {})};
  const args = applyArgs({
    helmMajor: request.helm?.major ?? 3,
    release: request.release,
    namespace: request.namespace,
    ...(request.kubeContext ? {kubeContext: request.kubeContext} : {}),
    chart: request.output.chart,
    valueFiles: [files.values, ...(files.secrets ? [files.secrets] : [])],
    timeout: request.timeout,
  });
  return {args, command: commandLine(request.helm?.path ?? 'helm', args), files, chart: request.output.chart};
}

function collectStrings(values: unknown): string[] {
  if (typeof values === 'string') return [values];
  if (values && typeof values === 'object') return Object.values(values).flatMap(collectStrings);
  return [];
}

function reviewModel(
  request: PlanRequest,
  result: RenderResult,
  upgrade: UpgradePlan,
  decision: ReturnType<typeof decideCredentials>,
  secretName: string,
  secrets: readonly string[],
  command: string,
): ReviewModel {
  const rules: RuleView[] = result.findings.map((item) => ({
    id: item.id,
    severity: item.severity,
    message: maskText(item.message, secrets),
    ...(item.hint ? {hint: item.hint} : {}),
    ...((item.where ?? item.path) ? {where: item.where ?? item.path} : {}),
    ...(item.path ? {path: item.path} : {}),
  }));
  const credentials: CredentialView[] = Object.keys(decision.credentials).map((name) => ({
    name: name as CredentialName,
    state: decision.generated.includes(name as CredentialName)
      ? 'generated'
      : request.existingCredentials[name as CredentialName]
        ? 'kept'
        : 'provided',
  }));
  return {
    mode: request.mode,
    release: request.release,
    namespace: request.namespace,
    ...(request.kubeContext ? {context: request.kubeContext} : {}),
    chart: request.output.chart,
    valuesYaml: maskText(stringify(mask(result.public, result.secretPaths), {lineWidth: 0}), secrets),
    rules,
    checks: upgrade.checks,
    changes: upgrade.changes,
    secretsAt: request.online
      ? `Secret ${request.namespace}/${secretName} (not in values, argv or the Helm release)`
      : `${request.output.secrets}, mode 0600 (keep it out of git)`,
    credentials,
    command,
    blockers: upgrade.blockers,
    // Rule findings are counted from `rules`; these are the plan's own.
    warnings: upgrade.warnings,
  };
}

import {resolve} from 'node:path';
import {copyChart, isTemporaryChart} from '../../adapters/applied-files.js';
import {checkBucket, createBucket} from '../../adapters/bucket-check.js';
import {displayPath, existingPaths, secretsPathFor, writeFilesAtomic} from '../../adapters/files.js';
import {loadPreset, type LoadedInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import type {Credentials} from '../../core/credentials/keys.js';
import {CancelledError, UserError} from '../../core/errors.js';
import type {PresetGuess} from '../../core/presets/detect.js';
import {BUILTIN_PRESETS} from '../../core/presets/preset.js';
import {prefillFromLive} from '../../core/upgrade/prefill.js';
import type {ValueFix} from '../../core/upgrade/types.js';
import {getPath, mergeValues, setPath, type Values} from '../../core/values/paths.js';
import type {OwnedClaim} from '../../core/operate/claims.js';
import {planKeptData} from '../../core/operate/kept-data.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import {askConfirm, askSelect} from '../../ui/prompts/index.js';
import {
  askAgain,
  askablePaths,
  askQuestions,
  createSession,
  type FlowIo,
  type QuestionSession,
  type SecretSources,
  say,
} from '../../ui/wizard/flow/index.js';
import {problemPaths, reviewVerdict, showResult, showReview} from '../../ui/wizard/index.js';
import type {ClusterFacts} from './cluster-facts.js';
import type {DeployedRelease} from './live.js';
import type {DeployOptions} from './options.js';
import {buildPlan, type DeployPlan, type PlanRequest} from './plan.js';

/**
 * Presets first: the first question, because it changes the defaults of every other one. The
 * preset the cluster looks like (detectPreset) is the default on day zero, named with the reason;
 * an upgrade keeps the live settings unless a preset is picked.
 */
export async function choosePreset(ctx: Context, upgrade: boolean, guess?: PresetGuess): Promise<string | undefined> {
  const choices: Array<{value: string; name: string; description?: string}> = [];
  for (const name of BUILTIN_PRESETS) {
    const detected = guess?.preset === name ? ` (suggested: ${guess.reason})` : '';
    try {
      const preset = await loadPreset(name, ctx.cwd);
      choices.push({value: name, name: `${name}${detected}`, description: preset.description});
    } catch {
      choices.push({value: name, name: `${name}${detected}`});
    }
  }
  const none = {
    value: '',
    name: upgrade ? 'none: keep the live release settings' : 'none: chart defaults',
    description: 'Start from the chart defaults (and, for an upgrade, the live values).',
  };
  const picked = await askSelect(
    ctx,
    {
      message: 'Preset',
      choices: upgrade ? [none, ...choices] : [...choices, none],
      default: upgrade ? '' : (guess?.preset ?? 'generic'),
    },
    {answer: '--preset'},
  );
  return picked === '' ? undefined : picked;
}

/**
 * The question session for this run: defaults ← preset ← live values (upgrade) or values adopted
 * from kept claims (re-install) ← -f files.
 */
export function startSession(
  inputs: LoadedInputs,
  live: DeployedRelease | undefined,
  adopted: readonly ValueFix[] = [],
): QuestionSession {
  if (!inputs.questions)
    throw new UserError(`The chart at ${inputs.chartDir} has no questions.yml; the wizard needs one.`, {
      hint: 'Use `buntime-deploy render` with -f answers.yaml for charts without questions.',
    });
  const base = mergeValues(inputs.chartDefaults, inputs.preset?.values ?? {});
  let answers: Values = live ? prefillFromLive(live.userValues, inputs.chartDefaults).answers : {};
  for (const fix of adopted) answers = setPath(answers, fix.path, fix.value);
  for (const file of inputs.files) answers = mergeValues(answers, file.values);
  // --set wins over everything when rendering; show it as the current answer too.
  for (const assignment of inputs.sets)
    answers = setPath(answers, assignment.path.replace(/\[(\d+)\]/g, '.$1'), assignment.value);
  return createSession(inputs.questions, {base, answers, defaults: inputs.preset?.questionDefaults ?? {}});
}

/**
 * A re-install over kept claims: the storage answers the claims dictate (nothing on the command line
 * said otherwise), so the questions start from what is really there.
 */
export function keptAnswers(
  inputs: LoadedInputs,
  request: {release: string; namespace: string},
  kept: readonly OwnedClaim[],
  facts: ClusterFacts | undefined,
): ValueFix[] {
  if (kept.length === 0) return [];
  let values = mergeValues(inputs.chartDefaults, inputs.preset?.values ?? {});
  for (const file of inputs.files) values = mergeValues(values, file.values);
  const sets = new Set(inputs.sets.map((assignment) => assignment.path));
  return [
    ...planKeptData({
      ...request,
      claims: kept,
      values,
      explicit: (path) => sets.has(path) || inputs.files.some((file) => getPath(file.values, path) !== undefined),
      storageClasses: facts?.storageClasses ?? [],
    }).adopt,
  ];
}

/** Tells the person, before any question, what an earlier install left and what the answers start from. */
export function keptNote(
  io: FlowIo,
  release: string,
  kept: readonly OwnedClaim[],
  adopted: readonly ValueFix[],
  secret: boolean,
): void {
  say(
    io,
    io.style.warn(
      `! Data kept from an earlier install of ${release}: ${kept.map((claim) => claim.name).join(', ')}${secret ? ' and the credentials Secret (same root key)' : ''}.`,
    ),
  );
  if (adopted.length)
    say(
      io,
      io.style.dim(
        `  The storage answers start from those claims (${adopted.map((fix) => `${fix.path}=${String(fix.value)}`).join(', ')}): a claim's class and access mode cannot change.`,
      ),
    );
}

/**
 * The question flow; with `focus`, only those questions again (the ones the Review flagged),
 * wherever they are, instead of the whole flow.
 */
export function askAllQuestions(
  io: FlowIo,
  session: QuestionSession,
  mode: 'install' | 'upgrade' | 'render',
  facts: ClusterFacts | undefined,
  existing: Credentials,
  secrets?: SecretSources,
  focus?: readonly string[],
): Promise<Credentials> {
  const input = {
    mode,
    session,
    ...(facts ? {cluster: facts} : {}),
    existingCredentials: existing,
    backup: {check: checkBucket, create: createBucket},
    ...(secrets ? {secrets} : {}),
  };
  return focus ? askAgain(io, input, focus) : askQuestions(io, input);
}

type Edit = 'fix' | 'edit' | 'no-backup' | 'export' | 'quit';

/**
 * What to do after a Review that will not be applied as it is: straight to the questions whose
 * answers the Review flagged (first, when there are any), every question again, or stop.
 */
async function chooseEdit(
  ctx: Context,
  message: string,
  session: QuestionSession,
  paths: readonly string[],
  how: string,
  backup = false,
  offerExport = false,
): Promise<{edit: Edit; focus: string[]}> {
  const focus = askablePaths(session, paths);
  const labels = focus.map((path) => {
    const state = session.states().find((item) => item.question.variable === path);
    return state ? `${state.question.label} (${path})` : path;
  });
  const edit = await askSelect<Edit>(
    ctx,
    {
      message,
      choices: [
        ...(focus.length > 0
          ? [
              {
                value: 'fix' as const,
                name: `Change ${focus.length === 1 ? 'the answer' : 'the answers'}: ${labels.join(', ')}`,
              },
            ]
          : []),
        ...(backup ? [{value: 'no-backup' as const, name: 'Upgrade without a fresh backup'}] : []),
        {value: 'edit', name: focus.length > 0 ? 'Go through every question again' : 'Change my answers'},
        ...(offerExport
          ? [{value: 'export' as const, name: 'Export for GitOps instead (Flux, Argo CD, k3s HelmChart, Fleet)'}]
          : []),
        {value: 'quit', name: 'Quit without changing anything'},
      ],
    },
    {answer: how},
  );
  return {edit, focus};
}

/**
 * Plan → Review → decide, in a loop: offer the safe fixes when blockers have them, let the user
 * change answers when something blocks, and ask for an explicit yes when there are warnings.
 * Returns the plan to apply and whether to take the pre-upgrade backup first (that same yes), or
 * that the person chose "Export for GitOps" (`flow.exportOnly`: the only way out is the export).
 */
export async function reviewLoop(
  ctx: Context,
  request: Omit<PlanRequest, 'wizardAnswers' | 'fixes' | 'typedCredentials'>,
  session: QuestionSession,
  typed: Credentials,
  ask: (focus?: readonly string[]) => Promise<Credentials>,
  flow: {readonly exportOnly?: boolean} = {},
): Promise<ReviewOutcome> {
  let fixes: ValueFix[] = [];
  let credentials = typed;
  const columns = ctx.stdout.columns ?? 100;
  for (;;) {
    say(ctx, ctx.style.dim('\nPlanning (rendering the chart, reading the live release)…'));
    const full: PlanRequest = {
      ...request,
      wizardAnswers: session.rawAnswers(),
      fixes,
      typedCredentials: credentials,
    };
    const plan = await buildPlan(full);
    const shown = flow.exportOnly
      ? {
          ...plan.review,
          secretsAt: `Secret ${request.namespace}/${plan.secretName} in each target cluster (put there by 'buntime-deploy secrets apply'), never in git`,
          command: 'buntime-deploy export: the engine, the directory and the chart source are asked next',
        }
      : plan.review;
    if ((await showReview(ctx, shown, {columns, page: true})) === 'quit')
      throw new CancelledError('Nothing was applied.');
    const verdict = reviewVerdict(plan.review);
    const newFixes = plan.upgrade.fixes.filter((fix) => !fixes.some((known) => known.path === fix.path));
    if (verdict.errors > 0 && newFixes.length > 0) {
      const list = newFixes.map((fix) => `${fix.path}=${String(fix.value) || '""'}`).join(', ');
      if (
        await askConfirm(
          ctx,
          {message: `Apply the safe fixes (${list}) and plan again?`, default: true},
          {answer: 'these values in the answers file'},
        )
      ) {
        fixes = [...fixes, ...newFixes];
        continue;
      }
    }
    if (verdict.errors > 0) {
      const next = await chooseEdit(
        ctx,
        `${verdict.errors} blocking problem(s). What now?`,
        session,
        problemPaths(plan.review, 'error'),
        'a fixed answers file',
      );
      if (next.edit === 'quit')
        throw new UserError(`${verdict.errors} blocking problem(s): nothing was applied.`, {
          hint: 'Fix the problems listed in the review and run again.',
        });
      credentials = {...credentials, ...(await ask(next.edit === 'fix' ? next.focus : undefined))};
      continue;
    }
    // The pre-upgrade backup is part of this one question, never a second one.
    const backup =
      !flow.exportOnly &&
      plan.upgrade.checks.some((check) => check.action === 'backup-first' && check.severity === 'info');
    const verb = flow.exportOnly
      ? 'Export for GitOps'
      : request.mode === 'render'
        ? 'Write the files'
        : request.mode === 'install'
          ? 'Install now'
          : backup
            ? `Back up now (a Job from CronJob ${plan.fullname}-turso-backup), then upgrade`
            : 'Upgrade now';
    const ok = await askConfirm(
      ctx,
      {
        message: verdict.warnings > 0 ? `${verb}, accepting ${verdict.warnings} warning(s)?` : `${verb}?`,
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (ok) return {plan, request: full, backup, next: flow.exportOnly ? 'export' : 'apply'};
    const next = await chooseEdit(
      ctx,
      'Then what?',
      session,
      problemPaths(plan.review, 'warning'),
      '--yes',
      backup,
      !flow.exportOnly,
    );
    if (next.edit === 'quit') throw new UserError('Nothing was applied.', {exitCode: 2});
    if (next.edit === 'export') return {plan, request: full, backup: false, next: 'export'};
    if (next.edit === 'no-backup') return {plan, request: full, backup: false, next: 'apply'};
    credentials = {...credentials, ...(await ask(next.edit === 'fix' ? next.focus : undefined))};
  }
}

/** The plan the Review settled on, the request that built it, and what the person chose. */
export interface ReviewOutcome {
  readonly plan: DeployPlan;
  readonly request: PlanRequest;
  /** Take the pre-upgrade backup first (part of the Review's yes). */
  readonly backup: boolean;
  readonly next: 'apply' | 'export';
}

/** A chart directory next to the values when the chart sits in npx's temporary cache. */
function chartCopyDir(chartDir: string, release: string): string | undefined {
  return isTemporaryChart(chartDir) ? `${release}-chart` : undefined;
}

/**
 * Render-only output: `<release>.values.yaml` (+ `.secrets.yaml`) in the working directory, and the
 * chart path the printed command uses (a copy next to the values when the chart is in npx's cache).
 */
export function renderOutput(options: DeployOptions, chart: {dir: string; display: string}): PlanRequest['output'] {
  const values = `${options.release}.values.yaml`;
  return {values, secrets: secretsPathFor(values), chart: chartCopyDir(chart.dir, options.release) ?? chart.display};
}

/** Render-only: the values file (committable) and a 0600 secrets file, plus the exact helm command. */
export async function writeRendered(
  ctx: Context,
  plan: DeployPlan,
  options: DeployOptions,
  chartDir: string,
): Promise<number> {
  const {values: valuesFile, secrets: secretsFile} = plan.helm.files;
  const copy = chartCopyDir(chartDir, options.release);
  const clash = await existingPaths(
    [valuesFile, ...(secretsFile ? [secretsFile] : []), ...(copy ? [copy] : [])].map((file) => resolve(ctx.cwd, file)),
  );
  if (
    clash.length > 0 &&
    !(await askConfirm(
      ctx,
      {message: `Overwrite ${clash.map((path) => displayPath(path, ctx.cwd)).join(' and ')}?`, default: false},
      {answer: 'render -o FILE'},
    ))
  ) {
    throw new UserError('Nothing was written.', {exitCode: 2});
  }
  await writeFilesAtomic([
    {
      path: resolve(ctx.cwd, valuesFile),
      content: toHelmYaml(plan.helmValues, '# Buntime values written by buntime-deploy (no secrets; commit it).'),
      mode: 0o644,
    },
    ...(secretsFile
      ? [
          {
            path: resolve(ctx.cwd, secretsFile),
            content: toHelmYaml(
              plan.secretValues,
              '# Buntime secrets written by buntime-deploy. Mode 0600; never commit this file.',
            ),
            mode: 0o600,
          },
        ]
      : []),
  ]);
  // npx's cache is temporary: the printed command points at a copy of the chart next to the values.
  if (copy) await copyChart(chartDir, resolve(ctx.cwd, copy), {replace: true});
  const model = {
    outcome: 'rendered' as const,
    mode: 'render' as const,
    release: options.release,
    namespace: options.namespace,
    access: [],
    problems: [],
    files: {
      values: displayPath(resolve(ctx.cwd, valuesFile), ctx.cwd),
      ...(secretsFile ? {secrets: displayPath(resolve(ctx.cwd, secretsFile), ctx.cwd)} : {}),
    },
    command: plan.helm.command,
    nextSteps: secretsFile
      ? [
          `The generated root key and tokens are only in ${secretsFile}; after installing, open the cpanel and sign in with buntime.rootKey from that file.`,
        ]
      : [],
  };
  await showResult(ctx, model, {columns: ctx.stdout.columns ?? 100, page: true});
  return 0;
}

import {resolve} from 'node:path';
import {copyChart, isTemporaryChart} from '../../adapters/applied-files.js';
import {checkBucket, createBucket} from '../../adapters/bucket-check.js';
import {displayPath, existingPaths, secretsPathFor, writeFilesAtomic} from '../../adapters/files.js';
import {loadPreset, type LoadedInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import type {Credentials} from '../../core/credentials/keys.js';
import {UserError} from '../../core/errors.js';
import {BUILTIN_PRESETS} from '../../core/presets/preset.js';
import {prefillFromLive} from '../../core/upgrade/prefill.js';
import type {ValueFix} from '../../core/upgrade/types.js';
import {mergeValues, setPath, type Values} from '../../core/values/paths.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import {askConfirm, askSelect} from '../../ui/prompts/index.js';
import {
  askQuestions,
  createSession,
  type FlowIo,
  type QuestionSession,
  type SecretSources,
  say,
} from '../../ui/wizard/flow/index.js';
import {reviewVerdict, showResult, showReview} from '../../ui/wizard/index.js';
import type {ClusterFacts} from './cluster-facts.js';
import type {DeployedRelease} from './live.js';
import type {DeployOptions} from './options.js';
import {buildPlan, type DeployPlan, type PlanRequest} from './plan.js';

/** Presets first: the first question, because it changes the defaults of every other one. */
export async function choosePreset(ctx: Context, upgrade: boolean): Promise<string | undefined> {
  const choices: Array<{value: string; name: string; description?: string}> = [];
  for (const name of BUILTIN_PRESETS) {
    try {
      const preset = await loadPreset(name, ctx.cwd);
      choices.push({value: name, name, description: preset.description});
    } catch {
      choices.push({value: name, name});
    }
  }
  const none = {
    value: '',
    name: upgrade ? 'none: keep the live release settings' : 'none: chart defaults',
    description: 'Start from the chart defaults (and, for an upgrade, the live values).',
  };
  const picked = await askSelect(
    ctx,
    {message: 'Preset', choices: upgrade ? [none, ...choices] : [...choices, none], default: upgrade ? '' : 'generic'},
    {answer: '--preset'},
  );
  return picked === '' ? undefined : picked;
}

/** The question session for this run: defaults ← preset ← live values (upgrade) ← -f files. */
export function startSession(inputs: LoadedInputs, live: DeployedRelease | undefined): QuestionSession {
  if (!inputs.questions)
    throw new UserError(`The chart at ${inputs.chartDir} has no questions.yml; the wizard needs one.`, {
      hint: 'Use `buntime-deploy render` with -f answers.yaml for charts without questions.',
    });
  const base = mergeValues(inputs.chartDefaults, inputs.preset?.values ?? {});
  let answers: Values = live ? prefillFromLive(live.userValues, inputs.chartDefaults).answers : {};
  for (const file of inputs.files) answers = mergeValues(answers, file.values);
  // --set wins over everything when rendering; show it as the current answer too.
  for (const assignment of inputs.sets)
    answers = setPath(answers, assignment.path.replace(/\[(\d+)\]/g, '.$1'), assignment.value);
  return createSession(inputs.questions, {base, answers, defaults: inputs.preset?.questionDefaults ?? {}});
}

export function askAllQuestions(
  io: FlowIo,
  session: QuestionSession,
  mode: 'install' | 'upgrade' | 'render',
  facts: ClusterFacts | undefined,
  existing: Credentials,
  secrets?: SecretSources,
): Promise<Credentials> {
  return askQuestions(io, {
    mode,
    session,
    ...(facts ? {cluster: facts} : {}),
    existingCredentials: existing,
    backup: {check: checkBucket, create: createBucket},
    ...(secrets ? {secrets} : {}),
  });
}

/**
 * Plan → Review → decide, in a loop: offer the safe fixes when blockers have them, let the user
 * change answers when something blocks, and ask for an explicit yes when there are warnings.
 * Returns the plan to apply, or undefined when the user stops.
 */
export async function reviewLoop(
  ctx: Context,
  request: Omit<PlanRequest, 'wizardAnswers' | 'fixes' | 'typedCredentials'>,
  session: QuestionSession,
  typed: Credentials,
  ask: () => Promise<Credentials>,
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
    await showReview(
      ctx,
      flow.exportOnly
        ? {
            ...plan.review,
            secretsAt: `Secret ${request.namespace}/${plan.secretName} in each target cluster (put there by 'buntime-deploy secrets apply'), never in git`,
            command: 'buntime-deploy export: the engine, the directory and the chart source are asked next',
          }
        : plan.review,
      columns,
    );
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
      const next = await askSelect(
        ctx,
        {
          message: `${verdict.errors} blocking problem(s). What now?`,
          choices: [
            {value: 'edit', name: 'Change my answers'},
            {value: 'quit', name: 'Quit without changing anything'},
          ],
        },
        {answer: 'a fixed answers file'},
      );
      if (next === 'quit')
        throw new UserError(`${verdict.errors} blocking problem(s): nothing was applied.`, {
          hint: 'Fix the problems listed in the review and run again.',
        });
      credentials = {...credentials, ...(await ask())};
      continue;
    }
    const verb = flow.exportOnly
      ? 'Export for GitOps'
      : request.mode === 'render'
        ? 'Write the files'
        : request.mode === 'install'
          ? 'Install now'
          : 'Upgrade now';
    const ok = await askConfirm(
      ctx,
      {
        message: verdict.warnings > 0 ? `${verb}, accepting ${verdict.warnings} warning(s)?` : `${verb}?`,
        default: verdict.warnings === 0,
      },
      {answer: '--yes'},
    );
    if (ok) return {plan, request: full, next: flow.exportOnly ? 'export' : 'apply'};
    const next = await askSelect(
      ctx,
      {
        message: 'Then what?',
        choices: [
          {value: 'edit', name: 'Change my answers'},
          ...(flow.exportOnly
            ? []
            : [{value: 'export', name: 'Export for GitOps instead (Flux, Argo CD, k3s HelmChart, Fleet)'}]),
          {value: 'quit', name: 'Quit without changing anything'},
        ],
      },
      {answer: '--yes'},
    );
    if (next === 'export') return {plan, request: full, next: 'export'};
    if (next === 'quit') throw new UserError('Nothing was applied.', {exitCode: 2});
    credentials = {...credentials, ...(await ask())};
  }
}

/** The plan the Review settled on, the request that built it, and what the person chose. */
export interface ReviewOutcome {
  readonly plan: DeployPlan;
  readonly request: PlanRequest;
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
  await showResult(ctx, model, ctx.stdout.columns ?? 100);
  return 0;
}

/**
 * `render`: offline, non-interactive. Chart defaults ← preset ← -f files ← --set, validated by the
 * questions engine and the rules; prints the helm command that would apply the written files.
 * Exit 2 on any error-severity finding, and then nothing is written. With -o, the values (without
 * secrets) and a 0600 secrets file are written atomically; with --chart-out the chart is copied
 * next to them so the printed command keeps working after npx's temporary cache is gone.
 */
import {resolve} from 'node:path';
import {copyChart, isTemporaryChart, removeChartCopy} from '../../adapters/applied-files.js';
import {displayPath, existingPaths, readStream, secretsPathFor, writeFilesAtomic} from '../../adapters/files.js';
import {findHelm} from '../../adapters/helm/binary.js';
import {bundledChartDir} from '../../adapters/package-root.js';
import {loadRenderInputs} from '../../adapters/render-inputs.js';
import type {Context} from '../../context.js';
import {CancelledError, UserError} from '../../core/errors.js';
import {applyArgs, commandLine, rollbackOnFailureFlag} from '../../core/helm/command.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import {type RenderResult, renderValues} from '../../core/values/render.js';
import {mask, maskText, presentSecrets} from '../../core/values/secrets.js';
import {formatFindings} from '../../ui/index.js';
import type {ReleaseTarget} from '../target.js';

export interface RenderOptions extends Pick<ReleaseTarget, 'release' | 'namespace' | 'kubeContext'> {
  readonly chart?: string;
  readonly preset?: string;
  readonly values: readonly string[];
  readonly sets: readonly string[];
  /** Values file to write (its secrets sibling is derived). */
  readonly output?: string;
  /** Copy the chart here; the printed command points at the copy. */
  readonly chartOut?: string;
  readonly helmPath?: string;
  readonly timeout: string;
  readonly json: boolean;
}

interface Planned {
  readonly valuesFile?: string;
  readonly secretsFile?: string;
  readonly helm: {readonly path: string; readonly major: 3 | 4; readonly found: boolean};
  readonly args: string[];
  readonly notes: string[];
}

/** helm on this machine decides 3 vs 4 flags; without one, helm 3's (and a note about helm 4). */
async function localHelm(options: RenderOptions, ctx: Context): Promise<Planned['helm']> {
  try {
    const helm = await findHelm({
      ...(options.helmPath ? {path: options.helmPath} : {}),
      env: ctx.env,
      signal: ctx.signal,
    });
    return {path: helm.path, major: helm.major, found: true};
  } catch (error) {
    if (options.helmPath) throw error;
    return {path: 'helm', major: 3, found: false};
  }
}

function plan(result: RenderResult, options: RenderOptions, chart: string, helm: Planned['helm']): Planned {
  const hasSecrets = Object.keys(result.secrets).length > 0;
  const valuesFile = options.output;
  const secretsFile = valuesFile && hasSecrets ? secretsPathFor(valuesFile) : undefined;
  const files = valuesFile
    ? [valuesFile, ...(secretsFile ? [secretsFile] : [])]
    : ['values.yaml', ...(hasSecrets ? ['values.secrets.yaml'] : [])];
  const args = applyArgs({
    helmMajor: helm.major,
    release: options.release,
    namespace: options.namespace,
    ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
    chart,
    valueFiles: files,
    timeout: options.timeout,
  });
  const notes = helm.found
    ? []
    : [
        `helm was not found here, so the command uses helm 3's ${rollbackOnFailureFlag(3)}; with helm 4 use ${rollbackOnFailureFlag(4)} instead.`,
      ];
  return {...(valuesFile ? {valuesFile} : {}), ...(secretsFile ? {secretsFile} : {}), helm, args, notes};
}

export async function runRender(options: RenderOptions, ctx: Context): Promise<number> {
  const {output, json} = options;
  if (output === '-')
    throw new UserError('-o - is not supported: secrets would go to stdout.', {
      hint: 'Leave out -o to print the masked values, or give a file name.',
    });
  const inputs = await loadRenderInputs({
    cwd: ctx.cwd,
    ...(options.chart !== undefined ? {chart: options.chart} : {}),
    ...(options.preset !== undefined ? {preset: options.preset} : {}),
    values: options.values,
    sets: options.sets,
    stdin: () => readStream(ctx.stdin),
  });
  const result = renderValues({...inputs, release: options.release, namespace: options.namespace});
  const chart =
    options.chartOut !== undefined
      ? options.chartOut
      : options.chart !== undefined
        ? options.chart
        : inputs.chartDir === bundledChartDir()
          ? inputs.chartDir
          : displayPath(inputs.chartDir, ctx.cwd);
  const planned = plan(result, options, chart, await localHelm(options, ctx));
  if (options.chartOut === undefined && isTemporaryChart(inputs.chartDir)) {
    planned.notes.push(
      `The chart is inside npx's temporary cache (${inputs.chartDir}); pass --chart-out DIR to keep a copy the command can use later.`,
    );
  }
  const scrub = result.secretStrings;
  const errors = result.findings.filter((item) => item.severity === 'error');
  const command = commandLine(planned.helm.path, planned.args);
  const write = async (): Promise<void> => {
    if (!output && options.chartOut === undefined) return;
    await writeOutputs(result, planned, options, inputs.chartDir, ctx);
  };

  if (json) {
    const report = {
      ok: result.ok,
      release: options.release,
      namespace: options.namespace,
      chart,
      preset: inputs.preset?.name ?? null,
      values: mask(result.overrides, result.secretPaths),
      secrets: presentSecrets(result.secrets, result.secretPaths),
      findings: result.findings,
      files: result.ok
        ? {values: planned.valuesFile ?? null, secrets: planned.secretsFile ?? null, chart: options.chartOut ?? null}
        : {values: null, secrets: null, chart: null},
      helm: {argv: [planned.helm.path, ...planned.args], command},
      notes: [...(inputs.preset?.notes ?? []), ...planned.notes],
    };
    if (result.ok) await write();
    ctx.stdout.write(
      `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? maskText(value, scrub) : value), 2)}\n`,
    );
    return result.ok ? 0 : 2;
  }

  ctx.stderr.write(formatFindings(result.findings, ctx.style, scrub));
  if (errors.length > 0) {
    throw new UserError(
      `${errors.length === 1 ? '1 error' : `${errors.length} errors`} in the values; nothing was written.`,
      {hint: 'Fix the values named above and run render again.'},
    );
  }
  await write();
  if (output) {
    const secrets = presentSecrets(result.secrets, result.secretPaths);
    ctx.stdout.write(
      `${ctx.style.ok('✔')} Wrote ${output}${planned.secretsFile ? ` and ${planned.secretsFile} (${secrets.length} secret${secrets.length === 1 ? '' : 's'}, mode 0600 — do not commit it)` : ''}${options.chartOut ? ` and the chart in ${options.chartOut}` : ''}.\n`,
    );
    ctx.stdout.write(`${command}\n`);
  } else {
    ctx.stdout.write(
      toHelmYaml(
        mask(result.overrides, result.secretPaths),
        '# Values that differ from the chart defaults (secrets masked). Write them with -o values.yaml.',
      ),
    );
    ctx.stderr.write(`${ctx.style.info('Next:')} render with -o values.yaml, then run:\n  ${command}\n`);
  }
  for (const note of [...(inputs.preset?.notes ?? []), ...planned.notes])
    ctx.stderr.write(`${ctx.style.info('Note:')} ${note}\n`);
  return 0;
}

async function writeOutputs(
  result: RenderResult,
  planned: Planned,
  options: RenderOptions,
  chartDir: string,
  ctx: Context,
): Promise<void> {
  const {cwd} = ctx;
  // Ctrl-C before this point writes nothing (writeFilesAtomic checks again before it renames).
  if (ctx.signal.aborted) throw new CancelledError('Stopped before writing; nothing was written.');
  const chartTarget =
    options.chartOut !== undefined && resolve(cwd, options.chartOut) !== resolve(chartDir)
      ? resolve(cwd, options.chartOut)
      : undefined;
  if (options.chartOut !== undefined) {
    const target = resolve(cwd, options.chartOut);
    if ((await existingPaths([target])).length > 0 && resolve(target) !== resolve(chartDir)) {
      throw new UserError(`--chart-out ${options.chartOut} already exists; nothing was written.`, {
        hint: 'Name a directory that does not exist yet (the chart is copied into it).',
      });
    }
  }
  // The chart first: if the values cannot be written after it, the copy is removed again.
  if (chartTarget) await copyChart(chartDir, chartTarget);
  try {
    if (planned.valuesFile) {
      await writeFilesAtomic(
        [
          {
            path: resolve(cwd, planned.valuesFile),
            content: toHelmYaml(
              result.public,
              '# Buntime values rendered by buntime-deploy (no secrets; commit it). Secrets are in the .secrets file.',
            ),
            mode: 0o644,
          },
          ...(planned.secretsFile
            ? [
                {
                  path: resolve(cwd, planned.secretsFile),
                  content: toHelmYaml(
                    result.secrets,
                    '# Buntime secrets rendered by buntime-deploy. Mode 0600; never commit this file.',
                  ),
                  mode: 0o600,
                },
              ]
            : []),
        ],
        {signal: ctx.signal, display: (path) => displayPath(path, cwd)},
      );
    }
  } catch (error) {
    if (chartTarget) await removeChartCopy(chartTarget);
    throw error;
  }
}

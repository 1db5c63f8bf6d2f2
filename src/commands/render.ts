/**
 * `buntime-deploy render`: offline, non-interactive. Chart defaults ← preset ← -f files ← --set,
 * validated by the questions engine and the rules; prints the helm command it would run. Exit 2 on
 * any error-severity finding, and then nothing is written. With -o, the values (without secrets)
 * and a 0600 secrets file are written atomically.
 */
import {resolve} from 'node:path';
import {stringify} from 'yaml';
import {UserError} from '../core/errors.js';
import {helmUpgradeArgs} from '../core/values/helm-command.js';
import {type RenderResult, renderValues} from '../core/values/render.js';
import {mask, maskText, presentSecrets, secretStrings} from '../core/values/secrets.js';
import type {Values} from '../core/values/paths.js';
import {commandLine} from '../adapters/exec.js';
import {displayPath, readStream, secretsPathFor, writeFilesAtomic} from '../adapters/files.js';
import {bundledChartDir} from '../adapters/package-root.js';
import {loadRenderInputs} from '../adapters/render-inputs.js';
import {formatFindings} from '../ui/format-findings.js';
import type {Context} from './context.js';
import {flagBool, flagString, flagStrings} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** YAML as helm (YAML 1.1) reads it back: strings like "on"/"yes" stay quoted. */
export function toHelmYaml(values: Values, header?: string): string {
  const body = Object.keys(values).length === 0 ? '{}\n' : stringify(values, {version: '1.1', lineWidth: 0});
  return header ? `${header}\n${body}` : body;
}

interface Planned {
  readonly valuesFile?: string;
  readonly secretsFile?: string;
  readonly helmArgs: string[];
}

function plan(
  result: RenderResult,
  chart: string,
  release: string,
  namespace: string,
  output: string | undefined,
): Planned {
  const hasSecrets = Object.keys(result.secrets).length > 0;
  const valuesFile = output;
  const secretsFile = output && hasSecrets ? secretsPathFor(output) : undefined;
  const files = output
    ? [output, ...(secretsFile ? [secretsFile] : [])]
    : ['values.yaml', ...(hasSecrets ? ['values.secrets.yaml'] : [])];
  return {
    ...(valuesFile ? {valuesFile} : {}),
    ...(secretsFile ? {secretsFile} : {}),
    helmArgs: helmUpgradeArgs({release, chart, namespace, valueFiles: files}),
  };
}

export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const {flags} = args;
  const release = flagString(flags, 'release') ?? 'buntime';
  const namespace = flagString(flags, 'namespace') ?? 'buntime';
  const output = flagString(flags, 'output');
  const json = flagBool(flags, 'json');
  if (output === '-')
    throw new UserError('-o - is not supported: secrets would go to stdout.', {
      hint: 'Leave out -o to print the masked values, or give a file name.',
    });
  const chartFlag = flagString(flags, 'chart');
  const preset = flagString(flags, 'preset');
  const inputs = await loadRenderInputs({
    cwd: ctx.cwd,
    ...(chartFlag !== undefined ? {chart: chartFlag} : {}),
    ...(preset !== undefined ? {preset} : {}),
    values: flagStrings(flags, 'values'),
    sets: flagStrings(flags, 'set'),
    stdin: () => readStream(ctx.stdin),
  });
  const result = renderValues({...inputs, release, namespace});
  const chart =
    chartFlag !== undefined
      ? chartFlag
      : inputs.chartDir === bundledChartDir()
        ? inputs.chartDir
        : displayPath(inputs.chartDir, ctx.cwd);
  const planned = plan(result, chart, release, namespace, output);
  const scrub = secretStrings(result.values, result.secretPaths);
  const errors = result.findings.filter((item) => item.severity === 'error');

  if (json) {
    const report = {
      ok: result.ok,
      release,
      namespace,
      chart,
      preset: inputs.preset?.name ?? null,
      values: mask(result.overrides, result.secretPaths),
      secrets: presentSecrets(result.secrets, result.secretPaths),
      findings: result.findings,
      files: result.ok
        ? {values: planned.valuesFile ?? null, secrets: planned.secretsFile ?? null}
        : {values: null, secrets: null},
      helm: {argv: ['helm', ...planned.helmArgs], command: commandLine('helm', planned.helmArgs)},
      notes: inputs.preset?.notes ?? [],
    };
    if (result.ok && output) await write(result, planned, ctx.cwd);
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
  if (output) {
    await write(result, planned, ctx.cwd);
    const secrets = presentSecrets(result.secrets, result.secretPaths);
    ctx.stdout.write(
      `${ctx.style.ok('✔')} Wrote ${output}${planned.secretsFile ? ` and ${planned.secretsFile} (${secrets.length} secret${secrets.length === 1 ? '' : 's'}, mode 0600 — do not commit it)` : ''}.\n`,
    );
    ctx.stdout.write(`${commandLine('helm', planned.helmArgs)}\n`);
  } else {
    ctx.stdout.write(
      toHelmYaml(
        mask(result.overrides, result.secretPaths),
        '# Values that differ from the chart defaults (secrets masked). Write them with -o values.yaml.',
      ),
    );
    ctx.stderr.write(
      `${ctx.style.info('Next:')} render with -o values.yaml, then run:\n  ${commandLine('helm', planned.helmArgs)}\n`,
    );
  }
  for (const note of inputs.preset?.notes ?? []) ctx.stderr.write(`${ctx.style.info('Note:')} ${note}\n`);
  return 0;
}

async function write(result: RenderResult, planned: Planned, cwd: string): Promise<void> {
  const files = [
    {
      path: resolve(cwd, planned.valuesFile as string),
      content: toHelmYaml(
        result.public,
        '# Buntime values rendered by buntime-deploy (no secrets; commit it). Secrets are in the .secrets file.',
      ),
      mode: 0o644,
    },
  ];
  if (planned.secretsFile)
    files.push({
      path: resolve(cwd, planned.secretsFile),
      content: toHelmYaml(
        result.secrets,
        '# Buntime secrets rendered by buntime-deploy. Mode 0600; never commit this file.',
      ),
      mode: 0o600,
    });
  await writeFilesAtomic(files);
}

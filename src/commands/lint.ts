import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {isAbsolute, join, relative, resolve} from 'node:path';
import {LineCounter, parseDocument} from 'yaml';
import {type HelmBinary, findHelm} from '../adapters/helm/binary.js';
import {helmTemplate} from '../adapters/helm/template.js';
import {bundledChartDir} from '../adapters/package-root.js';
import {type Finding, checkManifests, checkValues, hasErrors, lintTemplates} from '../core/chart-rules/index.js';
import {ExitCode, UserError} from '../core/errors.js';
import {isPlainObject} from '../core/values/paths.js';
import type {Context} from './context.js';
import {flagBool, flagString} from './parse-args.js';
import type {CommandArgs} from './registry.js';

interface LintReport {
  readonly chart: string;
  readonly findings: Finding[];
  readonly checked: {templates: number; values: boolean; manifests: boolean};
  readonly skipped: string[];
  readonly helm?: string;
}

/** The chart directory to lint, or a UserError (exit 2) saying why it is not one. */
function chartDirectory(positional: string | undefined, ctx: Context): string {
  const dir = positional === undefined ? bundledChartDir() : isAbsolute(positional) ? positional : resolve(ctx.cwd, positional);
  const problems: string[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push('it is not a directory');
  else {
    if (!existsSync(join(dir, 'Chart.yaml'))) problems.push('it has no Chart.yaml');
    if (!existsSync(join(dir, 'templates')) || !statSync(join(dir, 'templates')).isDirectory()) problems.push('it has no templates/ directory');
  }
  if (problems.length > 0) {
    throw new UserError(`${positional ?? dir} is not a Helm chart directory: ${problems.join(' and ')}.`, {
      hint: 'Pass the chart directory, e.g. buntime-deploy lint charts/buntime (no argument lints the chart shipped with this tool).',
    });
  }
  return dir;
}

/** 1-based line of a dotted values path in a YAML text, or undefined. */
function lineOfPath(text: string, path: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, {lineCounter: counter});
  const node = doc.getIn(path.split('.'), true) as {range?: [number, number, number]} | undefined;
  if (!node?.range) return undefined;
  // The key sits on the value's line for scalars, one line up for block mappings; report the key.
  const {line} = counter.linePos(node.range[0]);
  const keyLine = text.split('\n')[line - 1] ?? '';
  return keyLine.includes(`${path.split('.').pop()}:`) ? line : Math.max(1, line - 1);
}

function readValues(dir: string, display: (path: string) => string, findings: Finding[]): boolean {
  const file = join(dir, 'values.yaml');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new UserError(`${display(file)} is not valid YAML.`, {
      problems: doc.errors.slice(0, 5).map((error) => ({where: `${display(file)}:${error.linePos?.[0].line ?? '?'}`, message: error.message.split('\n')[0] ?? ''})),
    });
  }
  const values = doc.toJS() as unknown;
  if (values !== null && !isPlainObject(values)) throw new UserError(`${display(file)} must be a mapping at the top level.`);
  for (const finding of checkValues(values ?? {}, {file: display(file)})) {
    const line = finding.path ? lineOfPath(text, finding.path) : undefined;
    findings.push(line === undefined ? finding : {...finding, line});
  }
  return true;
}

async function lint(dir: string, args: CommandArgs, ctx: Context): Promise<LintReport> {
  // Paths under the working directory are shown relative to it, others in full.
  const display = (path: string): string => {
    const rel = relative(ctx.cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
  };
  const templatesDir = join(dir, 'templates');
  const files = readdirSync(templatesDir)
    .filter((name) => /\.(ya?ml|tpl)$/.test(name))
    .sort()
    .map((name) => ({path: display(join(templatesDir, name)), text: readFileSync(join(templatesDir, name), 'utf8')}));
  const findings = lintTemplates(files);
  const values = readValues(dir, display, findings);

  const skipped: string[] = [];
  let helm: HelmBinary | undefined;
  const helmPath = flagString(args.flags, 'helm');
  try {
    helm = await findHelm({...(helmPath ? {path: helmPath} : {}), env: ctx.env, signal: ctx.signal});
  } catch (error) {
    if (helmPath) throw error;
    skipped.push('rendered manifests: helm was not found on PATH (pass --helm PATH to include them)');
  }
  if (helm) {
    const rendered = await helmTemplate({helm: helm.path, chartDir: dir, env: ctx.env, signal: ctx.signal});
    const chartName = String((parseDocument(readFileSync(join(dir, 'Chart.yaml'), 'utf8')).toJS() as {name?: unknown} | null)?.name ?? '');
    for (const finding of checkManifests(rendered.docs)) {
      // helm prints sources as <chart>/templates/x.yaml; show them like the template findings.
      const file = finding.file?.startsWith(`${chartName}/`) ? display(join(dir, finding.file.slice(chartName.length + 1))) : finding.file;
      findings.push(file === undefined ? finding : {...finding, file});
    }
  }
  findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return {
    chart: display(dir),
    findings,
    checked: {templates: files.length, values, manifests: Boolean(helm)},
    skipped,
    ...(helm ? {helm: helm.version} : {}),
  };
}

function printReport(report: LintReport, ctx: Context): void {
  const {style} = ctx;
  for (const finding of report.findings) {
    const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : (finding.path ?? report.chart);
    const rule = finding.severity === 'error' ? style.error(finding.ruleId) : style.warn(finding.ruleId);
    const message = finding.severity === 'warning' ? `warning: ${finding.message}` : finding.message;
    ctx.stdout.write(`${rule} ${style.bold(where)} ${message}\n  ${style.dim(`hint: ${finding.hint}`)}\n`);
  }
  for (const note of report.skipped) ctx.stderr.write(`${style.warn('!')} skipped ${note}\n`);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const scope = `${report.checked.templates} templates${report.checked.values ? ', values.yaml' : ''}${report.helm ? `, manifests rendered by helm ${report.helm}` : ''}`;
  const verdict =
    report.findings.length === 0
      ? `${style.ok('✔')} ${report.chart}: no findings (${scope})`
      : `${errors > 0 ? style.error('✖') : style.warn('!')} ${report.chart}: ${errors} error(s), ${warnings} warning(s) (${scope})`;
  ctx.stderr.write(`${verdict}\n`);
}

/** `buntime-deploy lint [CHART_DIR] [--json] [--helm PATH]`: exit 1 on any error finding, 2 on a bad chart dir. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const dir = chartDirectory(args.positionals[0], ctx);
  const report = await lint(dir, args, ctx);
  if (flagBool(args.flags, 'json')) ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, ctx);
  return hasErrors(report.findings) ? ExitCode.failure : ExitCode.ok;
}

import {join, resolve} from 'node:path';
import {
  chartDirProblems,
  readChartName,
  readPluginManifests,
  readReleaseState,
  readTemplates,
} from '../../adapters/chart-dir.js';
import {displayPath, existingPaths, readYamlFile} from '../../adapters/files.js';
import {type HelmBinary, findHelm} from '../../adapters/helm/binary.js';
import {helmTemplate} from '../../adapters/helm/template.js';
import {bundledChartDir} from '../../adapters/package-root.js';
import {checkRelease} from '../../core/chart-release.js';
import {checkManifests, checkValues, lintTemplates} from '../../core/chart-rules/index.js';
import {type PluginDeclaration, checkPluginDependencies, pluginDeclaration} from '../../core/chart-rules/plugins.js';
import {type Finding, hasErrors} from '../../core/findings.js';
import {ExitCode, UserError} from '../../core/errors.js';
import {splitPath} from '../../core/values/paths.js';
import type {Context} from '../../context.js';

export interface LintOptions {
  /** The chart directory as given (the bundled chart when absent). */
  readonly chartDir?: string;
  readonly helmPath?: string;
  readonly json: boolean;
}

interface LintReport {
  readonly chart: string;
  readonly findings: Finding[];
  readonly checked: {templates: number; values: boolean; manifests: boolean; plugins: number; version: boolean};
  readonly skipped: string[];
  readonly helm?: string;
}

/** The chart directory to lint, or a UserError (exit 2) saying why it is not one. */
function chartDirectory(positional: string | undefined, ctx: Context): string {
  const dir = positional === undefined ? bundledChartDir() : resolve(ctx.cwd, positional);
  const problems = chartDirProblems(dir);
  if (problems.length > 0) {
    throw new UserError(`${positional ?? dir} is not a Helm chart directory: ${problems.join(' and ')}.`, {
      hint: 'Pass the chart directory, e.g. buntime-deploy lint charts/buntime (no argument lints the chart shipped with this tool).',
    });
  }
  return dir;
}

/** checkValues over the chart's values.yaml, each finding located at the line of its key. */
async function valuesFindings(dir: string, ctx: Context): Promise<Finding[] | undefined> {
  const path = join(dir, 'values.yaml');
  if ((await existingPaths([path])).length === 0) return undefined;
  const file = await readYamlFile(path, {cwd: ctx.cwd, what: 'chart values file'});
  return checkValues(file.value as Record<string, unknown>, {file: file.display}).map((finding) => {
    const line = finding.path ? Number(/:(\d+):\d+$/.exec(file.locate(splitPath(finding.path)))?.[1]) : NaN;
    return Number.isInteger(line) ? {...finding, line} : finding;
  });
}

async function lint(dir: string, options: LintOptions, ctx: Context): Promise<LintReport> {
  const display = (path: string): string => displayPath(path, ctx.cwd);
  const templates = (await readTemplates(dir)).map((file) => ({path: display(file.path), text: file.text}));
  const findings = lintTemplates(templates);
  const values = await valuesFindings(dir, ctx);
  findings.push(...(values ?? []));
  // Chart version vs the recorded digests (chart-digests.json): content changed without a bump?
  const release = await readReleaseState(dir, display(dir));
  findings.push(...checkRelease(release));
  // Core plugin manifests beside the chart: "Plugin X requires Y".
  const plugins = (await readPluginManifests(dir))
    .map((file) => pluginDeclaration(display(file.path), file.value))
    .filter((item): item is PluginDeclaration => item !== undefined);
  findings.push(...checkPluginDependencies(plugins));

  const skipped: string[] = [];
  let helm: HelmBinary | undefined;
  const {helmPath} = options;
  try {
    helm = await findHelm({...(helmPath ? {path: helmPath} : {}), env: ctx.env, signal: ctx.signal});
  } catch (error) {
    if (helmPath) throw error;
    skipped.push('rendered manifests: helm was not found on PATH (pass --helm PATH to include them)');
  }
  if (helm) {
    const rendered = await helmTemplate({helm: helm.path, chartDir: dir, env: ctx.env, signal: ctx.signal});
    const chartName = await readChartName(dir);
    for (const finding of checkManifests(rendered.docs)) {
      // helm prints sources as <chart>/templates/x.yaml; show them like the template findings.
      const file = finding.file?.startsWith(`${chartName}/`)
        ? display(join(dir, finding.file.slice(chartName.length + 1)))
        : finding.file;
      findings.push(file === undefined ? finding : {...finding, file});
    }
  }
  findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return {
    chart: display(dir),
    findings,
    checked: {
      templates: templates.length,
      values: values !== undefined,
      manifests: Boolean(helm),
      plugins: plugins.length,
      version: release.recorded !== undefined,
    },
    skipped,
    ...(helm ? {helm: helm.version} : {}),
  };
}

function printReport(report: LintReport, ctx: Context): void {
  const {style} = ctx;
  for (const finding of report.findings) {
    const where = finding.file
      ? `${finding.file}${finding.line ? `:${finding.line}` : ''}`
      : (finding.path ?? report.chart);
    const rule = finding.severity === 'error' ? style.error(finding.id) : style.warn(finding.id);
    const message = finding.severity === 'warning' ? `warning: ${finding.message}` : finding.message;
    ctx.stdout.write(`${rule} ${style.bold(where)} ${message}\n  ${style.dim(`hint: ${finding.hint}`)}\n`);
  }
  for (const note of report.skipped) ctx.stderr.write(`${style.warn('!')} skipped ${note}\n`);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const scope = `${report.checked.templates} templates${report.checked.values ? ', values.yaml' : ''}${report.checked.version ? ', chart version' : ''}${report.checked.plugins ? `, ${report.checked.plugins} plugin manifests` : ''}${report.helm ? `, manifests rendered by helm ${report.helm}` : ''}`;
  const verdict =
    report.findings.length === 0
      ? `${style.ok('✔')} ${report.chart}: no findings (${scope})`
      : `${errors > 0 ? style.error('✖') : style.warn('!')} ${report.chart}: ${errors} error(s), ${warnings} warning(s) (${scope})`;
  ctx.stderr.write(`${verdict}\n`);
}

/** `buntime-deploy lint [CHART_DIR] [--json] [--helm PATH]`: exit 1 on any error finding, 2 on a bad chart dir. */
export async function runLint(options: LintOptions, ctx: Context): Promise<number> {
  const dir = chartDirectory(options.chartDir, ctx);
  const report = await lint(dir, options, ctx);
  if (options.json) ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, ctx);
  return hasErrors(report.findings) ? ExitCode.failure : ExitCode.ok;
}

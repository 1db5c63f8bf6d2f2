import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parseAllDocuments} from 'yaml';
import type {ManifestDoc} from '../../core/chart-rules/index.js';
import {ExternalError} from '../../core/errors.js';
import {commandLine} from '../../core/helm/command.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import type {Values} from '../../core/values/paths.js';
import {execResult} from '../exec.js';
import {withTempDir} from '../temp-dir.js';

/** What to render: a chart directory plus values files and/or an in-memory values tree. */
export interface HelmRenderOptions {
  /** helm binary (path or name on PATH). */
  readonly helm: string;
  readonly chartDir: string;
  readonly release?: string;
  readonly namespace?: string;
  /** Values files, in order (later files win). */
  readonly valuesFiles?: readonly string[];
  /**
   * Values given in memory (may hold secrets): written to a 0600 file in a private temp dir that
   * is removed afterwards, and passed last with -f. Never turned into --set arguments.
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Extra helm arguments that carry no secrets (e.g. --kube-version, --api-versions, --validate). */
  readonly extraArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

/** The rendered output of `helm template`: the raw text and every object with its template. */
export interface RenderedChart {
  readonly text: string;
  readonly docs: ManifestDoc[];
}

/** One `[LEVEL] file: message` line of helm lint. */
export interface LintMessage {
  readonly level: 'INFO' | 'WARNING' | 'ERROR';
  readonly text: string;
}

export interface HelmLintResult {
  readonly ok: boolean;
  readonly output: string;
  readonly messages: LintMessage[];
}

/**
 * Splits multi-document YAML as helm prints it. Each object keeps the template it came from
 * (the `# Source: chart/templates/x.yaml` comment) and empty documents are dropped.
 */
export function parseManifests(text: string): ManifestDoc[] {
  const docs: ManifestDoc[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`helm output is not valid YAML: ${doc.errors[0]?.message}`);
    const object = doc.toJS() as unknown;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
    // The `# Source:` line lands on the document or on its root node, depending on what precedes it.
    const comments = `${doc.commentBefore ?? ''}\n${(doc.contents as {commentBefore?: string} | null)?.commentBefore ?? ''}`;
    const source = /Source:\s*(\S+)/.exec(comments)?.[1];
    docs.push({...(source ? {source} : {}), object: object as Record<string, unknown>});
  }
  return docs;
}

/** Runs `fn` with the helm arguments for the values (files first, then a private temp file). */
async function withValuesArgs<T>(options: HelmRenderOptions, fn: (args: string[]) => Promise<T>): Promise<T> {
  const args = (options.valuesFiles ?? []).flatMap((file) => ['-f', file]);
  if (!options.values) return fn(args);
  const values = options.values;
  return withTempDir('buntime-deploy-values-', async (dir) => {
    const file = join(dir, 'values.yaml');
    // Helm's YAML dialect: the string "yes" must stay a string for helm too.
    await writeFile(file, toHelmYaml(values as Values), {mode: 0o600});
    return fn([...args, '-f', file]);
  });
}

/**
 * `helm template` with the given values; throws ExternalError carrying helm's message (schema
 * errors, `fail` messages from the chart) when it does not render.
 */
export async function helmTemplate(options: HelmRenderOptions): Promise<RenderedChart> {
  return withValuesArgs(options, async (valuesArgs) => {
    const args = [
      'template',
      options.release ?? 'buntime',
      options.chartDir,
      '--namespace',
      options.namespace ?? 'default',
      ...valuesArgs,
      ...(options.extraArgs ?? []),
    ];
    const result = await execResult(options.helm, args, {env: options.env, signal: options.signal});
    if (result.exitCode !== 0) {
      throw new ExternalError(`helm template failed for ${options.chartDir}.`, {
        command: commandLine(options.helm, args),
        stderr: result.stderr || result.stdout,
      });
    }
    return {text: result.stdout, docs: parseManifests(result.stdout)};
  });
}

/** `helm lint` (with --strict unless told otherwise); returns the verdict and every message. */
export async function helmLint(options: HelmRenderOptions & {readonly strict?: boolean}): Promise<HelmLintResult> {
  return withValuesArgs(options, async (valuesArgs) => {
    const args = [
      'lint',
      options.chartDir,
      ...(options.strict === false ? [] : ['--strict']),
      ...valuesArgs,
      ...(options.extraArgs ?? []),
    ];
    const result = await execResult(options.helm, args, {env: options.env, signal: options.signal});
    const output = `${result.stdout}${result.stderr}`;
    const messages: LintMessage[] = [];
    for (const match of output.matchAll(/^\[(INFO|WARNING|ERROR)\]\s*(.*)$/gm)) {
      messages.push({level: match[1] as LintMessage['level'], text: (match[2] as string).trim()});
    }
    return {ok: result.exitCode === 0, output, messages};
  });
}

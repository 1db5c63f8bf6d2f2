import {MANDATORY_VOLUMES, mandatoryEnv, secretEnvNames} from './catalogue.js';
import {type TemplateLine, enclosingCondition, scanTemplate} from './go-template.js';
import type {Finding} from '../findings.js';
import {RULE_IDS} from './types.js';

/** A template file to lint: its path (as it should be printed) and its text. */
export interface TemplateFile {
  readonly path: string;
  readonly text: string;
}

interface Located {
  readonly file: string;
  readonly line: TemplateLine;
}

/** `KEY: value` (ConfigMap data) or `- name: KEY` (container env), with what follows. */
function envDefinition(text: string): {name: string; value: string; style: 'data' | 'env'} | undefined {
  const data = /^\s*([A-Z][A-Z0-9_]*)\s*:\s*(.*)$/.exec(text);
  if (data) return {name: data[1] as string, value: (data[2] as string).trim(), style: 'data'};
  const env = /^\s*-\s*name\s*:\s*["']?([A-Z][A-Z0-9_]*)["']?\s*$/.exec(text);
  if (env) return {name: env[1] as string, value: '', style: 'env'};
  return undefined;
}

/** A value is safe when it is a literal or its template expression carries a fallback. */
function hasFallback(value: string): boolean {
  if (!value.includes('{{')) return true;
  if (!/\.Values\b|\binclude\b|\$/.test(value)) return true;
  return /\bdefault\b|\borDefault\b|\bdig\b|\bcoalesce\b/.test(value);
}

/** For `- name: KEY`, the value expression on the following `value:` line (if any). */
function envValue(lines: readonly TemplateLine[], index: number): string | undefined {
  for (let i = index + 1; i < Math.min(lines.length, index + 4); i++) {
    const match = /^\s*value\s*:\s*(.*)$/.exec((lines[i] as TemplateLine).text);
    if (match) return (match[1] as string).trim();
    if (/^\s*valueFrom\s*:/.test((lines[i] as TemplateLine).text)) return undefined;
  }
  return undefined;
}

/** The `kind:` of the YAML document (between `---` lines) each line belongs to. */
function documentKinds(lines: readonly TemplateLine[]): Array<string | undefined> {
  const kinds: Array<string | undefined> = [];
  let start = 0;
  const flush = (end: number): void => {
    const kind = lines
      .slice(start, end)
      .map((line) => /^kind\s*:\s*(\w+)\s*$/.exec(line.text)?.[1])
      .find(Boolean);
    for (let i = start; i < end; i++) kinds[i] = kind;
  };
  lines.forEach((line, index) => {
    if (/^---\s*$/.test(line.text)) {
      flush(index);
      start = index + 1;
    }
  });
  flush(lines.length);
  return kinds;
}

function conditionalMessage(line: TemplateLine): string | undefined {
  const block = enclosingCondition(line);
  return block ? `${block.action} (line ${block.line})` : undefined;
}

function lintEnv(scanned: ReadonlyArray<{file: string; lines: readonly TemplateLine[]}>, findings: Finding[]): void {
  const mandatory = new Map(mandatoryEnv().map((spec) => [spec.name, spec]));
  const secrets = secretEnvNames();
  const seen = new Set<string>();
  for (const {file, lines} of scanned) {
    const kinds = documentKinds(lines);
    lines.forEach((line, index) => {
      const isConfigMap = kinds[index] === 'ConfigMap';
      if (line.inAction) return;
      const def = envDefinition(line.text);
      if (!def) return;
      if (def.style === 'data' && isConfigMap && secrets.has(def.name)) {
        findings.push({
          id: RULE_IDS.secrets,
          severity: 'error',
          file,
          line: line.number,
          message: `${def.name} is a secret but is defined in a ConfigMap.`,
          hint: 'Store it in a Secret and pass it with env[].valueFrom.secretKeyRef (optional: true when it may be unset).',
        });
        return;
      }
      const spec = mandatory.get(def.name);
      if (!spec) return;
      seen.add(def.name);
      const condition = conditionalMessage(line);
      if (condition) {
        findings.push({
          id: RULE_IDS.env,
          severity: 'error',
          file,
          line: line.number,
          path: spec.valuePath,
          message: `${def.name} is inside ${condition}; core variables must always be defined.`,
          hint: `Define it unconditionally with a fallback, e.g. ${def.name}: {{ .Values.${spec.valuePath ?? 'x'} | default ${JSON.stringify(spec.default ?? '')} | quote }}. Only booleans, optional arrays and tokens may be conditional.`,
        });
        return;
      }
      const value = def.style === 'data' ? def.value : envValue(lines, index);
      if (value !== undefined && !hasFallback(value)) {
        findings.push({
          id: RULE_IDS.env,
          severity: 'error',
          file,
          line: line.number,
          path: spec.valuePath,
          message: `${def.name} has no default: an unset value (e.g. after helm upgrade --reuse-values) renders it empty.`,
          hint: `Add a fallback: | default ${JSON.stringify(spec.default ?? '')} (or buntime.orDefault for numbers where 0 is meaningful).`,
        });
      }
    });
  }
  for (const spec of mandatory.values()) {
    if (seen.has(spec.name)) continue;
    findings.push({
      id: RULE_IDS.env,
      severity: 'error',
      path: spec.valuePath,
      message: `${spec.name} (${spec.source}) is not defined by any template.`,
      hint: `Add it to configmap.base.yaml (runtime) or the plugin manifest (plugins), then run npm run generate:chart.`,
    });
  }
}

function lintVolumes(
  scanned: ReadonlyArray<{file: string; lines: readonly TemplateLine[]}>,
  findings: Finding[],
): void {
  for (const volume of MANDATORY_VOLUMES) {
    const mounts: Located[] = [];
    const claims: Located[] = [];
    const escaped = volume.mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mount = new RegExp(`^\\s*-?\\s*mountPath\\s*:\\s*["']?${escaped}["']?\\s*$`);
    // Shared volumes: the PVC object and the pod's claimName both end in -<name>.
    const claim = new RegExp(`^\\s*-?\\s*(claimName|name)\\s*:\\s*.*-${volume.name}["']?\\s*$`);
    for (const {file, lines} of scanned) {
      for (const line of lines) {
        if (line.inAction) continue;
        if (mount.test(line.text)) mounts.push({file, line});
        if (volume.source === 'shared' && claim.test(line.text)) claims.push({file, line});
      }
    }
    if (mounts.length === 0) {
      findings.push({
        id: RULE_IDS.volumes,
        severity: 'error',
        path: volume.valuesPath,
        message: `No template mounts ${volume.mountPath} (volume ${volume.name}).`,
        hint: `Mount it in the runtime container (volumeMounts: - name: ${volume.name}, mountPath: ${volume.mountPath}), unconditionally.`,
      });
    }
    for (const found of [...mounts, ...claims]) {
      const condition = conditionalMessage(found.line);
      if (!condition) continue;
      findings.push({
        id: RULE_IDS.volumes,
        severity: 'error',
        file: found.file,
        line: found.line.number,
        path: volume.valuesPath,
        message: `The ${volume.name} volume (${volume.mountPath}) is inside ${condition}; it must always be mounted.`,
        hint:
          volume.source === 'perPodOrEmptyDir'
            ? 'Keep the mount unconditional; only its source (volumeClaimTemplate or emptyDir) may depend on values.'
            : 'Remove the condition: the runtime breaks in cascade when RUNTIME_WORKER_DIRS/RUNTIME_PLUGIN_DIRS paths vanish.',
      });
    }
  }
}

/**
 * Lints Helm template sources (templates/*.yaml) against the mandatory-default rules: the four
 * runtime volumes always mounted, every core env variable always defined with a fallback, and no
 * token in a ConfigMap. Findings carry file:line. Templates that cannot be scanned (unbalanced
 * blocks) are reported too, since every other answer about them would be a guess.
 */
export function lintTemplates(files: readonly TemplateFile[]): Finding[] {
  const findings: Finding[] = [];
  const scanned = files.map((file) => {
    const result = scanTemplate(file.text);
    for (const problem of result.problems) {
      findings.push({
        id: RULE_IDS.env,
        severity: 'error',
        file: file.path,
        line: problem.line,
        message: `Cannot follow the template blocks: ${problem.message}.`,
        hint: 'Balance every {{ if }}/{{ with }}/{{ range }}/{{ define }} with an {{ end }}; helm lint shows the parse error.',
      });
    }
    return {file: file.path, lines: result.lines};
  });
  lintVolumes(scanned, findings);
  lintEnv(scanned, findings);
  return findings;
}

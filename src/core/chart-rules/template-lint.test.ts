import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {MANDATORY_VOLUMES, mandatoryEnv} from './catalogue.js';
import {type TemplateFile, lintTemplates} from './template-lint.js';

/** A minimal chart that keeps every promise: one ConfigMap line per core variable, four mounts. */
function goodFiles(): TemplateFile[] {
  const data = mandatoryEnv().map((spec) =>
    spec.valuePath
      ? `  ${spec.name}: {{ .Values.${spec.valuePath} | default ${JSON.stringify(spec.default ?? '')} | quote }}`
      : `  ${spec.name}: ${JSON.stringify(spec.default ?? '')}`,
  );
  const configmap = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', ...data].join('\n');
  const mounts = MANDATORY_VOLUMES.flatMap((v) => [
    `            - name: ${v.name}`,
    `              mountPath: ${v.mountPath}`,
  ]);
  const statefulset = [
    'kind: StatefulSet',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: buntime',
    '          volumeMounts:',
    ...mounts,
    '      volumes:',
    '        - name: plugins',
    '          persistentVolumeClaim:',
    '            claimName: {{ include "buntime.fullname" . }}-plugins',
    '        - name: apps',
    '          persistentVolumeClaim:',
    '            claimName: {{ include "buntime.fullname" . }}-apps',
    '        {{- if eq .Values.persistence.turso.type "emptyDir" }}',
    '        - name: turso',
    '          emptyDir: {}',
    '        {{- end }}',
  ].join('\n');
  return [
    {path: 'templates/configmap.yaml', text: configmap},
    {path: 'templates/statefulset.yaml', text: statefulset},
  ];
}

function edit(files: TemplateFile[], path: string, from: string, to: string): TemplateFile[] {
  return files.map((file) => {
    if (file.path !== path) return file;
    if (!file.text.includes(from)) throw new Error(`fixture has no ${from}`);
    return {...file, text: file.text.replace(from, to)};
  });
}

const CM = 'templates/configmap.yaml';
const STS = 'templates/statefulset.yaml';
const TURSO_MODE = '  TURSO_MODE: {{ .Values.plugins.turso.mode | default "local" | quote }}';

describe('lintTemplates', () => {
  it('finds nothing in templates that keep every promise', () => {
    expect(lintTemplates(goodFiles())).toEqual([]);
  });

  it('finds nothing in the shipped chart', () => {
    const dir = join(import.meta.dirname, '../../../charts/buntime/templates');
    const files = readdirSync(dir)
      .filter((name) => /\.(ya?ml|tpl)$/.test(name))
      .map((name) => ({path: name, text: readFileSync(join(dir, name), 'utf8')}));
    expect(lintTemplates(files)).toEqual([]);
  });

  it.each([
    [
      'a core variable inside {{ if }}',
      CM,
      TURSO_MODE,
      `  {{- if .Values.plugins.turso.mode }}\n${TURSO_MODE}\n  {{- end }}`,
      'mandatory-env-default',
      7 + mandatoryEnv().findIndex((s) => s.name === 'TURSO_MODE'),
      /TURSO_MODE is inside \{\{ if \.Values\.plugins\.turso\.mode \}\}/,
    ],
    [
      'a core variable inside {{ with }}',
      CM,
      TURSO_MODE,
      `  {{- with .Values.plugins.turso }}\n${TURSO_MODE}\n  {{- end }}`,
      'mandatory-env-default',
      7 + mandatoryEnv().findIndex((s) => s.name === 'TURSO_MODE'),
      /inside \{\{ with/,
    ],
    [
      'a core variable without a default',
      CM,
      TURSO_MODE,
      '  TURSO_MODE: {{ .Values.plugins.turso.mode | quote }}',
      'mandatory-env-default',
      6 + mandatoryEnv().findIndex((s) => s.name === 'TURSO_MODE'),
      /TURSO_MODE has no default/,
    ],
    [
      'a token in a ConfigMap',
      CM,
      TURSO_MODE,
      `${TURSO_MODE}\n  TURSO_SYNC_AUTH_TOKEN: {{ .Values.plugins.turso.sync.authToken | quote }}`,
      'secret-not-in-configmap',
      7 + mandatoryEnv().findIndex((s) => s.name === 'TURSO_MODE'),
      /TURSO_SYNC_AUTH_TOKEN is a secret/,
    ],
    [
      'a shared volume mounted inside {{ if }}',
      STS,
      '            - name: apps\n              mountPath: /data/apps',
      '            {{- if .Values.apps }}\n            - name: apps\n              mountPath: /data/apps\n            {{- end }}',
      'mandatory-volume',
      12,
      /apps volume \(\/data\/apps\) is inside \{\{ if \.Values\.apps \}\}/,
    ],
    [
      'a shared claim inside {{ if }}',
      STS,
      '            claimName: {{ include "buntime.fullname" . }}-plugins',
      '            {{- if .Values.p }}\n            claimName: {{ include "buntime.fullname" . }}-plugins\n            {{- end }}',
      'mandatory-volume',
      20,
      /plugins volume .* is inside/,
    ],
    [
      'the turso mount inside {{ if }}',
      STS,
      '            - name: turso\n              mountPath: /data/turso',
      '            {{- if .Values.t }}\n            - name: turso\n              mountPath: /data/turso\n            {{- end }}',
      'mandatory-volume',
      16,
      /only its source .* may depend on values/,
    ],
  ])('reports %s', (_name, path, from, to, id, line, message) => {
    const findings = lintTemplates(edit(goodFiles(), path, from, to));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({id, severity: 'error', file: path, line});
    expect(`${finding?.message} ${finding?.hint}`).toMatch(message);
  });

  it.each([
    [
      'a missing core variable',
      CM,
      `${TURSO_MODE}\n`,
      '',
      /TURSO_MODE \(plugin:turso\) is not defined by any template/,
    ],
    [
      'a missing mount',
      STS,
      '            - name: state\n              mountPath: /data/state\n',
      '',
      /No template mounts \/data\/state/,
    ],
  ])('reports %s without a line', (_name, path, from, to, message) => {
    const [finding, ...rest] = lintTemplates(edit(goodFiles(), path, from, to));
    expect(rest).toEqual([]);
    expect(finding?.line).toBeUndefined();
    expect(finding?.message).toMatch(message);
  });

  it.each([
    [
      'a boolean inside {{ if }}',
      `${TURSO_MODE}\n  {{- if .Values.plugins.gateway.cors.credentials }}\n  GATEWAY_CORS_CREDENTIALS: "true"\n  {{- end }}`,
    ],
    [
      'an optional wiring variable inside {{ if }}',
      `${TURSO_MODE}\n  {{- if .Values.tursoServer.enabled }}\n  TURSO_SERVER_URL: {{ include "x" . | quote }}\n  {{- end }}`,
    ],
    [
      'a numeric fallback with buntime.orDefault',
      '  TURSO_MODE: {{ include "buntime.orDefault" (list .Values.plugins.turso.mode 1) | quote }}',
    ],
    ['a literal value', '  TURSO_MODE: "local"'],
    ['the same text inside a template comment', `${TURSO_MODE}\n  {{/*\n  TURSO_LOCAL_PATH: {{ .Values.x }}\n  */}}`],
  ])('accepts %s', (_name, to) => {
    expect(lintTemplates(edit(goodFiles(), CM, TURSO_MODE, to))).toEqual([]);
  });

  it('reports a template whose blocks do not balance', () => {
    const findings = lintTemplates([
      ...goodFiles(),
      {path: 'templates/broken.yaml', text: 'a: 1\n{{ if .x }}\nb: 2\n'},
    ]);
    expect(findings).toEqual([
      expect.objectContaining({file: 'templates/broken.yaml', line: 2, message: expect.stringMatching(/never closed/)}),
    ]);
  });

  it('accepts a token in a Secret document of a file that also holds a ConfigMap', () => {
    const secret = {
      path: 'templates/secret.yaml',
      text: 'kind: ConfigMap\ndata:\n  a: b\n---\nkind: Secret\nstringData:\n  RUNTIME_ROOT_KEY: {{ .Values.k | quote }}\n',
    };
    expect(lintTemplates([...goodFiles(), secret])).toEqual([]);
  });
});

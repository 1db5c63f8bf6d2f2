import {describe, expect, it} from 'vitest';
import {enclosingCondition, scanTemplate} from './go-template.js';

/** The action of the innermost condition enclosing line `n` (1-based), or undefined. */
function conditionOf(text: string, n: number): string | undefined {
  const line = scanTemplate(text).lines[n - 1];
  return line ? enclosingCondition(line)?.action : undefined;
}

describe('scanTemplate', () => {
  it.each([
    ['plain line', 'A: 1\nB: 2', 2, undefined],
    ['inside if', '{{- if .Values.x }}\nA: 1\n{{- end }}', 2, '{{ if .Values.x }}'],
    ['after end', '{{- if .Values.x }}\nA: 1\n{{- end }}\nB: 2', 4, undefined],
    ['else branch stays in the if', '{{ if .a }}\nA: 1\n{{ else }}\nA: 2\n{{ end }}', 4, '{{ if .a }}'],
    ['inside with', '{{- with .Values.x }}\nA: {{ . }}\n{{- end }}', 2, '{{ with .Values.x }}'],
    ['inside range', '{{- range .Values.l }}\n- {{ . }}\n{{- end }}', 2, '{{ range .Values.l }}'],
    ['innermost of nested blocks', '{{ if .a }}\n{{ with .b }}\nA: 1\n{{ end }}\n{{ end }}', 3, '{{ with .b }}'],
    ['outer block after inner end', '{{ if .a }}\n{{ with .b }}\n{{ end }}\nA: 1\n{{ end }}', 4, '{{ if .a }}'],
    ['inline if after the key does not enclose the key', 'A: {{ if .a }}x{{ else }}y{{ end }}', 1, undefined],
    ['text after a block that opens and closes before it', '{{ if .a }}{{ end }}A: 1', 1, undefined],
    ['text right after an opening action is inside it', '{{ if .a }}A: 1{{ end }}', 1, '{{ if .a }}'],
    ['define body is its own scope', '{{ if .a }}\n{{ define "x" }}\nA: 1\n{{ end }}\n{{ end }}', 3, undefined],
    ['}} inside a string literal', '{{ if eq .a "}}" }}\nA: 1\n{{ end }}', 2, '{{ if eq .a "}}" }}'],
    ['if inside a comment is ignored', '{{/* {{ if .a }} */}}\nA: 1', 2, undefined],
    ['trim markers', '{{- if .a -}}\nA: 1\n{{- end -}}', 2, '{{ if .a }}'],
  ])('%s', (_name, text, line, expected) => {
    expect(conditionOf(text, line)).toBe(expected);
  });

  it('marks lines that start inside a multi-line comment', () => {
    const {lines} = scanTemplate('{{/*\nA: 1\n*/}}\nB: 2');
    expect(lines.map((l) => l.inAction)).toEqual([false, true, true, false]);
  });

  it('records the line where each block opened', () => {
    const line = scanTemplate('x\n\n{{ if .a }}\nA: 1\n{{ end }}').lines[3];
    expect(line?.blocks).toEqual([{kind: 'if', action: '{{ if .a }}', line: 3}]);
  });

  it.each([
    ['an end without a block', 'A: 1\n{{ end }}', '{{ end }} without an open block', 2],
    ['a block never closed', 'A: 1\n{{ if .a }}\nB: 2', '{{ if .a }} is never closed', 2],
    ['an unterminated action', 'A: {{ .a', 'unterminated {{ action', 1],
  ])('reports %s', (_name, text, message, line) => {
    expect(scanTemplate(text).problems).toEqual([{line, message}]);
  });
});

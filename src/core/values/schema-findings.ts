/**
 * values.schema.json violations as findings, minus the ones another finding already explains (a
 * rule's message with a suggestion reads better than "does not match ^…$").
 */
import type {Finding} from '../findings.js';
import type {Values} from './paths.js';
import {validateSchema} from './schema.js';

/** `a.b[0].c` → [`a.b[0].c`, `a.b[0]`, `a.b`, `a`]: the path and every ancestor. */
function ancestry(path: string): string[] {
  const out = [path];
  let current = path;
  for (;;) {
    const cut = Math.max(current.lastIndexOf('['), lastUnescapedDot(current));
    if (cut <= 0) break;
    current = current.slice(0, cut);
    out.push(current);
  }
  return out;
}

function lastUnescapedDot(path: string): number {
  for (let index = path.length - 1; index > 0; index--)
    if (path[index] === '.' && path[index - 1] !== '\\') return index;
  return -1;
}

export function schemaFindings(
  values: Values,
  schema: Values,
  earlier: readonly Finding[],
  locate: (path: string) => string | undefined,
  /** True for a path the unknown-key check already reported (listed or counted). */
  reportedUnknown: (path: string) => boolean = () => false,
): Finding[] {
  const explained = new Set(earlier.filter((item) => item.severity === 'error' && item.path).map((item) => item.path));
  // An unknown key is reported (with "did you mean") by the path check, even as a warning.
  const unknown = new Set(earlier.filter((item) => item.id === 'values.unknown' && item.path).map((item) => item.path));
  const out: Finding[] = [];
  const {violations} = validateSchema(values, schema);
  for (const violation of violations) {
    const paths = ancestry(violation.path);
    if (paths.some((path) => explained.has(path) || unknown.has(path))) continue;
    if (violation.keyword === 'additionalProperties' && reportedUnknown(violation.path)) continue;
    explained.add(violation.path);
    const where = locate(violation.path);
    out.push({
      id: 'values.schema',
      severity: 'error',
      path: violation.path,
      ...(where ? {where} : {}),
      message: `${violation.message} (the chart's values.schema.json; helm would refuse it)`,
      hint: [
        violation.description ?? 'Change the value to what the chart expects (see values.schema.json).',
        violation.pattern ? `Pattern: ${violation.pattern}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  }
  return out;
}

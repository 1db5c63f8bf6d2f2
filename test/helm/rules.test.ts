/**
 * The chart refuses the same value combinations as the CLI, with the same rule id and fix: every
 * chart check (src/core/rules/chart-checks.ts, compiled into templates/_rules.tpl) is rendered with
 * its bad example by helm 3 and helm 4, and run through the CLI's rules on the same values.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {CHART_CHECKS, PHRASES, chartRuleIds} from '../../src/core/rules/chart-checks.js';
import {runRules} from '../../src/core/rules/registry.js';
import {fill} from '../../src/core/rules/when.js';
import {type Values, mergeValues} from '../../src/core/values/paths.js';
import {CHART_CONFIGS} from './configs.js';
import {CHART, HELMS, type RenderOptions, fixture, render, renderError} from './render.js';

const DEFAULTS = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Values;
const CHECKS = CHART_CHECKS.filter((check) => check.severity === 'error').map((check) => ({
  name: `${check.rule} (${check.path})`,
  check,
}));

/** The values helm sees for a render: chart defaults, then the fixtures, then the values. */
function merged(options: RenderOptions): Values {
  let values = DEFAULTS;
  for (const name of options.fixtures ?? []) values = mergeValues(values, parse(readFileSync(fixture(name), 'utf8')));
  return options.values ? mergeValues(values, options.values as Values) : values;
}

function cliErrors(values: Values): string[] {
  return runRules({values, release: 'buntime'})
    .filter((item) => item.severity === 'error')
    .map((item) => `${item.id}:${item.path}`);
}

describe('chart checks', () => {
  it('cover the cross-field rules the issue lists, each with an example', () => {
    expect(chartRuleIds().sort()).toEqual(
      [
        'authdb.sync-url',
        'backup.admin-token',
        'backup.config',
        'replicas.rwx',
        'replicas.sync',
        'turso-plugin.shared-file',
        'turso-plugin.sync-url',
        'turso.tokens',
      ].sort(),
    );
  });

  it.each(CHECKS)('the CLI reports $name for its example', ({check}) => {
    expect(cliErrors(mergeValues(DEFAULTS, check.example))).toContain(`${check.rule}:${check.path}`);
  });
});

describe.each(HELMS)('$name refuses what the CLI refuses', (helm) => {
  it.each(CHECKS)('$name: fails with the rule id, the value paths and the fix', async ({check}) => {
    const values = mergeValues(DEFAULTS, check.example);
    const error = await renderError(helm, {values: check.example});
    const message = fill(check.message, values, PHRASES);
    expect(error).toContain(`[${check.rule}] ${message}`);
    expect(error).toContain(`fix: ${fill(check.hint, values, PHRASES)}`);
    expect(error).toMatch(new RegExp(`values: [^\\n]*${check.path.replace(/\./g, '\\.')}`));
    // Every error the chart lists is one the CLI reports for the same values.
    const listed = [...error.matchAll(/^\[([a-z.-]+)\] /gm)].map((match) => match[1]);
    const cli = new Set(cliErrors(values).map((item) => item.split(':')[0]));
    for (const id of listed) expect(cli.has(id as string), `${id} also reported by the CLI`).toBe(true);
  });

  it.each<[string, Values]>([
    ['a Turso file under /data/apps spelled with // and ./', {plugins: {turso: {localPath: '/data//apps/./x.db'}}}],
    ['a Turso file reached through ..', {plugins: {turso: {localPath: '/data/turso/../apps/x.db'}}}],
    ['a Turso file beside /data/apps', {plugins: {turso: {localPath: '/data/apps-cache/x.db'}}}],
    ['a Turso file leaving /data/apps through ..', {plugins: {turso: {localPath: '/data/apps/../turso/x.db'}}}],
    ['a relative Turso file', {plugins: {turso: {localPath: 'data/apps/x.db'}}}],
    ['one replica', {replicaCount: 1, plugins: {turso: {localPath: '/data/apps/x.db'}}}],
    [
      'autoscaling with one replica',
      {replicaCount: 1, autoscaling: {enabled: true}, persistence: {apps: {accessMode: 'ReadWriteOnce'}}},
    ],
    [
      'an external sync URL for one of the two',
      {tursoServer: {enabled: false}, buntime: {authDb: {syncUrl: 'http://t:8080/a'}}},
    ],
    [
      'both external sync URLs',
      {
        tursoServer: {enabled: false},
        buntime: {authDb: {syncUrl: 'http://t:8080/a'}},
        plugins: {turso: {sync: {url: 'http://t:8080/r'}}},
      },
    ],
    ['tokens from an existing Secret', {tursoServer: {authToken: '', adminToken: '', existingSecret: 'tokens'}}],
  ])('agrees with the CLI on %s (3 synced pods otherwise)', async (_name, patch) => {
    const example = mergeValues(CHART_CHECKS[0]?.example ?? {}, {
      persistence: {plugins: {accessMode: 'ReadWriteMany'}},
    });
    const values = mergeValues(example, patch);
    const ids = new Set(chartRuleIds());
    const expected = [...new Set(cliErrors(mergeValues(DEFAULTS, values)).map((item) => item.split(':')[0]))]
      .filter((id) => ids.has(id as string))
      .sort();
    let listed: string[] = [];
    try {
      await render(helm, {values});
    } catch (error) {
      const text = String((error as {stderr?: string}).stderr ?? error);
      listed = [...new Set([...text.matchAll(/^\[([a-z.-]+)\] /gm)].map((match) => match[1] as string))].sort();
      expect(listed.length, text).toBeGreaterThan(0);
    }
    expect(listed).toEqual(expected);
  });

  it.each(CHART_CONFIGS)('renders $name, for which the CLI reports no chart-rule error either', async ({options}) => {
    expect((await render(helm, options)).docs.length).toBeGreaterThan(0);
    const ids = new Set(chartRuleIds());
    expect(cliErrors(merged(options)).filter((item) => ids.has(item.split(':')[0] as string))).toEqual([]);
  });
});

import {describe, expect, it} from 'vitest';
import {helmLint} from '../../src/adapters/helm/template.js';
import {checkManifests} from '../../src/core/chart-rules/index.js';
import {CHART, FIXTURES, HELMS, fixture, render} from './render.js';

const CONFIGS = [[], ...FIXTURES.map((name) => [name])] as const;

describe.each(HELMS)('$name', (helm) => {
  it.each(CONFIGS.map((fixtures) => [fixtures.join('+') || 'default values', fixtures] as const))(
    'helm lint --strict is clean and helm template renders: %s',
    async (_name, fixtures) => {
      const lint = await helmLint({helm: helm.path, chartDir: CHART, valuesFiles: fixtures.map(fixture), strict: true});
      expect(lint.messages.filter((m) => m.level !== 'INFO'), lint.output).toEqual([]);
      expect(lint.ok, lint.output).toBe(true);
      const {docs} = await render(helm, {fixtures});
      expect(docs.length).toBeGreaterThan(5);
      // The rendered objects keep every mandatory promise.
      expect(checkManifests(docs)).toEqual([]);
    },
  );

  it('renders several fixtures layered together (preset + answers)', async () => {
    const {docs} = await render(helm, {fixtures: ['k3s', 'multi-pod-sync']});
    expect(checkManifests(docs)).toEqual([]);
  });
});

import {describe, expect, it} from 'vitest';
import {helmLint} from '../../src/adapters/helm/template.js';
import {checkManifests} from '../../src/core/chart-rules/index.js';
import {CHART_CONFIGS} from './configs.js';
import {CHART, HELMS, fixture, render} from './render.js';

describe.each(HELMS)('$name', (helm) => {
  it.each(CHART_CONFIGS)('helm lint --strict is clean and helm template renders: $name', async ({options}) => {
    const lint = await helmLint({
      helm: helm.path,
      chartDir: CHART,
      valuesFiles: (options.fixtures ?? []).map(fixture),
      ...(options.values ? {values: options.values} : {}),
      strict: true,
    });
    expect(
      lint.messages.filter((m) => m.level !== 'INFO'),
      lint.output,
    ).toEqual([]);
    expect(lint.ok, lint.output).toBe(true);
    const {docs} = await render(helm, options);
    expect(docs.length).toBeGreaterThan(5);
    // The rendered objects keep every mandatory promise.
    expect(checkManifests(docs)).toEqual([]);
  });
});

import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {parse} from 'yaml';
import {type Values, setPath} from '../../src/core/values/paths.js';
import {type Fixture, MULTI_POD, ROOT, type RenderOptions, TURSO} from './render.js';

/** Each preset in presets/: its values with its question defaults applied, as the wizard starts. */
function presetConfigs(): Array<{name: string; options: RenderOptions}> {
  const dir = join(ROOT, 'presets');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const preset = parse(readFileSync(join(dir, file), 'utf8')) as {
        values?: Values;
        questionDefaults?: Record<string, unknown>;
      };
      let values: Values = preset.values ?? {};
      for (const [path, value] of Object.entries(preset.questionDefaults ?? {})) values = setPath(values, path, value);
      return {name: `preset ${file}`, options: {values}};
    });
}

/**
 * The chart configurations every promise is checked in: default values, each realistic fixture
 * (presets and the multi-pod sync journey) and edge cases. Reusable by the e2e suite, e.g. for a
 * server-side dry run of each one against the real API server.
 */
export const CHART_CONFIGS: ReadonlyArray<{readonly name: string; readonly options: RenderOptions}> = [
  {name: 'default values', options: {}},
  ...(
    ['multi-pod-sync', 'k3s', 'openshift', 'gitlab-registry', 'autoscaling'] as const satisfies readonly Fixture[]
  ).map((name) => ({
    name,
    options: {fixtures: [name]},
  })),
  {name: 'k3s preset + multi-pod sync answers', options: {fixtures: ['k3s', 'multi-pod-sync']}},
  {name: 'turso emptyDir, single pod', options: {values: {persistence: {turso: {type: 'emptyDir'}}}}},
  {name: '3 pods synced on RWX volumes', options: {values: {...MULTI_POD, replicaCount: 3}}},
  {name: 'turso-server without backups', options: {values: {tursoServer: TURSO}}},
  ...presetConfigs(),
];

import {describe, expect, it} from 'vitest';
import {checkPluginDependencies, pluginDeclaration} from './plugins.js';

const plugin = (name: string, extra: Record<string, unknown> = {}) =>
  pluginDeclaration(`charts/plugins/${name}/manifest.yaml`, {name: `@buntime/plugin-${name}`, ...extra});

describe('plugin dependencies', () => {
  it('accepts enabled dependencies and ignores optional ones', () => {
    const plugins = [
      plugin('turso'),
      plugin('keyval', {dependencies: ['@buntime/plugin-turso']}),
      plugin('gateway', {optionalDependencies: ['@buntime/plugin-metrics']}),
    ].filter((p) => p !== undefined);
    expect(checkPluginDependencies(plugins)).toEqual([]);
  });

  it('reports "Plugin X requires Y" for a disabled or missing dependency, not for a disabled dependent', () => {
    const plugins = [
      plugin('turso', {enabled: false}),
      plugin('keyval', {dependencies: ['@buntime/plugin-turso']}),
      plugin('proxy', {dependencies: ['@buntime/plugin-database']}),
      plugin('logs', {enabled: false, dependencies: ['@buntime/plugin-nothing']}),
    ].filter((p) => p !== undefined);
    expect(checkPluginDependencies(plugins).map((finding) => [finding.id, finding.file, finding.message])).toEqual([
      [
        'plugins.requires',
        'charts/plugins/keyval/manifest.yaml',
        'Plugin @buntime/plugin-keyval requires @buntime/plugin-turso, which is disabled (enabled: false in charts/plugins/turso/manifest.yaml).',
      ],
      [
        'plugins.requires',
        'charts/plugins/proxy/manifest.yaml',
        'Plugin @buntime/plugin-proxy requires @buntime/plugin-database, which has no manifest among the core plugins.',
      ],
    ]);
  });
});

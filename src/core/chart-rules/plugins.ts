/**
 * Plugin dependencies (the seed's troubleshooting row "Plugin X requires Y: Y must be enabled in the
 * manifest"). A core plugin whose manifest lists `dependencies` fails to load at runtime when one of
 * them is missing or `enabled: false`; the chart is generated from these manifests, so the check
 * runs where they are read: `npm run generate:chart` refuses to generate, `buntime-deploy lint`
 * reports it. `optionalDependencies` are allowed to be absent.
 */
import type {Finding} from '../findings.js';

export const PLUGIN_RULE = 'plugins.requires';

/** What the check needs from one manifest (charts/plugins/<name>/manifest.yaml). */
export interface PluginDeclaration {
  readonly name: string;
  readonly file: string;
  readonly enabled: boolean;
  readonly dependencies: readonly string[];
}

/** Reads the declaration fields of a parsed manifest; undefined when it has no name. */
export function pluginDeclaration(file: string, manifest: unknown): PluginDeclaration | undefined {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return undefined;
  const record = manifest as Record<string, unknown>;
  if (typeof record['name'] !== 'string') return undefined;
  const deps = record['dependencies'];
  return {
    name: record['name'],
    file,
    enabled: record['enabled'] !== false,
    dependencies: Array.isArray(deps) ? deps.filter((dep): dep is string => typeof dep === 'string') : [],
  };
}

/** One error per enabled plugin and dependency that is missing or disabled. */
export function checkPluginDependencies(plugins: readonly PluginDeclaration[]): Finding[] {
  const byName = new Map(plugins.map((plugin) => [plugin.name, plugin]));
  const out: Finding[] = [];
  for (const plugin of plugins) {
    if (!plugin.enabled) continue;
    for (const dependency of plugin.dependencies) {
      const target = byName.get(dependency);
      if (target?.enabled) continue;
      out.push({
        id: PLUGIN_RULE,
        severity: 'error',
        file: plugin.file,
        path: plugin.name,
        message: target
          ? `Plugin ${plugin.name} requires ${dependency}, which is disabled (enabled: false in ${target.file}).`
          : `Plugin ${plugin.name} requires ${dependency}, which has no manifest among the core plugins.`,
        hint: target
          ? `Enable ${dependency} in ${target.file}, or disable ${plugin.name} (enabled: false in ${plugin.file}).`
          : `Add ${dependency}'s manifest next to ${plugin.file}, or drop it from the dependencies of ${plugin.name}.`,
      });
    }
  }
  return out;
}

import {parse} from 'yaml';
import {configmapTemplate, pluginEnvModule, pluginSecretTemplate} from './configmap.js';
import {parseManifests} from './manifests.js';
import {parseQuestions, pluginQuestions, questionsFile} from './questions.js';
import {chartVersion} from '../../src/core/chart-release.js';
import {ReleaseNotesError, appReadme, chartYamlWithChanges, parseReleaseNotes} from './release.js';
import {rulesInvocation, rulesTemplate} from './rules.js';
import {parseSchemaBase, valuesSchema} from './schema.js';
import {valuesFile} from './values.js';

/** Every source the generator reads, as text, keyed by repository-relative path. */
export interface ChartSources {
  readonly valuesBase: string;
  readonly configmapBase: string;
  readonly questionsBase: string;
  readonly schemaBase: string;
  readonly chartYaml: string;
  readonly releaseNotes: string;
  readonly manifests: ReadonlyArray<{path: string; text: string}>;
}

/** Where each source lives, relative to the repository root. */
export const SOURCE_PATHS = {
  valuesBase: 'charts/buntime/values.base.yaml',
  configmapBase: 'charts/buntime/configmap.base.yaml',
  questionsBase: 'charts/buntime/questions.base.yaml',
  schemaBase: 'charts/buntime/schema.base.yaml',
  chartYaml: 'charts/buntime/Chart.yaml',
  releaseNotes: 'charts/buntime/release-notes.md',
  pluginsDir: 'charts/plugins',
} as const;

/** One generated file: repository-relative path and full content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Everything `npm run generate:chart` writes, computed from the sources without touching the disk
 * (so --check and the tests compare exactly what a run would write).
 */
export function generateChart(sources: ChartSources): GeneratedFile[] {
  const manifests = parseManifests(sources.manifests);
  const baseValues = parse(sources.valuesBase) as Record<string, unknown>;
  const questions = [...parseQuestions(sources.questionsBase), ...manifests.flatMap(pluginQuestions)];
  const schema = valuesSchema(baseValues, questions, manifests, parseSchemaBase(sources.schemaBase));
  const notes = parseReleaseNotes(sources.releaseNotes, SOURCE_PATHS.releaseNotes);
  const version = chartVersion(sources.chartYaml);
  if (notes.version !== version)
    throw new ReleaseNotesError(
      `${SOURCE_PATHS.releaseNotes} describes chart ${notes.version}, but Chart.yaml says version ${version}: write the notes of ${version} (what changed in it, not a cumulative log).`,
    );
  const description = (parse(sources.chartYaml) as {description?: unknown}).description;
  return [
    {path: SOURCE_PATHS.chartYaml, content: chartYamlWithChanges(sources.chartYaml, notes)},
    {
      path: 'charts/buntime/app-readme.md',
      content: appReadme(typeof description === 'string' ? description : '', notes),
    },
    {path: 'charts/buntime/values.yaml', content: valuesFile(sources.valuesBase, manifests)},
    {path: 'charts/buntime/templates/configmap.yaml', content: configmapTemplate(sources.configmapBase, manifests)},
    {path: 'charts/buntime/templates/_plugins.tpl', content: pluginSecretTemplate(manifests)},
    {path: 'charts/buntime/questions.yml', content: questionsFile(sources.questionsBase, manifests)},
    {path: 'charts/buntime/values.schema.json', content: `${JSON.stringify(schema, null, 2)}\n`},
    {path: 'charts/buntime/templates/_rules.tpl', content: rulesTemplate()},
    {path: 'charts/buntime/templates/rules.yaml', content: rulesInvocation()},
    {path: 'src/core/chart-rules/plugin-env.generated.ts', content: pluginEnvModule(manifests)},
  ];
}

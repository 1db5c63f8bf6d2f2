import {parse} from 'yaml';
import type {PluginField, PluginManifest} from './manifests.js';
import type {Question} from './questions.js';

/** A JSON-schema node (draft-07: what helm 3 and helm 4 both validate). */
export type Schema = {[key: string]: unknown};

/** schema.base.yaml: open maps, reusable definitions and per-path constraints. */
export interface SchemaBase {
  readonly open: readonly string[];
  readonly definitions: Readonly<Record<string, Schema>>;
  readonly paths: Readonly<Record<string, Schema>>;
}

export function parseSchemaBase(text: string): SchemaBase {
  const doc = (parse(text) ?? {}) as Partial<SchemaBase>;
  return {open: doc.open ?? [], definitions: doc.definitions ?? {}, paths: doc.paths ?? {}};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Types inferred from a default value; objects are closed (unknown keys fail) unless listed open. */
function fromValue(value: unknown, path: string, open: ReadonlySet<string>): Schema {
  if (isRecord(value)) {
    if (open.has(path) || Object.keys(value).length === 0) return {type: 'object'};
    const properties: Record<string, Schema> = {};
    for (const [key, child] of Object.entries(value))
      properties[key] = fromValue(child, path ? `${path}.${key}` : key, open);
    return {type: 'object', properties, additionalProperties: false};
  }
  if (Array.isArray(value)) return {type: 'array'};
  if (typeof value === 'boolean') return {type: 'boolean'};
  if (typeof value === 'number') return {type: Number.isInteger(value) ? 'integer' : 'number'};
  if (typeof value === 'string') return {type: 'string'};
  return {};
}

function fromField(field: PluginField): Schema {
  const schema: Schema = {};
  switch (field.type) {
    case 'number': {
      const integral = [field.default, field.min, field.max].every((n) => n === undefined || Number.isInteger(n));
      schema['type'] = integral ? 'integer' : 'number';
      break;
    }
    case 'boolean':
      schema['type'] = 'boolean';
      break;
    case 'array':
      // Rancher sends multiline answers as one string.
      schema['type'] = ['array', 'string'];
      break;
    case 'enum':
      schema['type'] = 'string';
      schema['enum'] = [...(field.options ?? [])];
      break;
    default:
      schema['type'] = 'string';
  }
  if (field.min !== undefined) schema['minimum'] = field.min;
  if (field.max !== undefined) schema['maximum'] = field.max;
  if (field.description) schema['description'] = field.description;
  return schema;
}

/** The node at a dotted path, or undefined when the values do not have it. */
function nodeAt(root: Schema, path: string): Schema | undefined {
  let node: Schema | undefined = root;
  for (const key of path.split('.')) {
    const properties: unknown = node?.['properties'];
    node = isRecord(properties) && isRecord(properties[key]) ? (properties[key] as Schema) : undefined;
    if (!node) return undefined;
  }
  return node;
}

function underOpen(path: string, open: readonly string[]): boolean {
  return open.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/** Constraints a question adds: its type, enum options and range. */
function fromQuestion(question: Question): Schema {
  const schema: Schema = {};
  switch (question.type) {
    case 'int':
      schema['type'] = 'integer';
      break;
    case 'float':
      schema['type'] = 'number';
      break;
    case 'boolean':
      schema['type'] = 'boolean';
      break;
    case 'enum':
      schema['type'] = 'string';
      schema['enum'] = [...(question.options ?? [])];
      break;
    default:
      schema['type'] = 'string';
  }
  if (typeof question.min === 'number') schema['minimum'] = question.min;
  if (typeof question.max === 'number') schema['maximum'] = question.max;
  if (typeof question.description === 'string') schema['description'] = question.description.trim();
  return schema;
}

/**
 * values.schema.json from the base values (types), the questions (enums, ranges, descriptions),
 * the plugin manifests and schema.base.yaml. Throws when a question or a schema path names a value
 * that does not exist, so the three files cannot drift apart silently.
 */
export function valuesSchema(
  baseValues: Record<string, unknown>,
  questions: readonly Question[],
  manifests: readonly PluginManifest[],
  base: SchemaBase,
): Schema {
  const open = new Set(base.open);
  const root = fromValue(baseValues, '', open);
  const properties = root['properties'] as Record<string, Schema>;
  properties['global'] = {type: 'object', description: 'Set by Helm for subcharts and by Rancher (global.cattle.*).'};
  const plugins: Record<string, Schema> = {};
  for (const manifest of manifests) {
    if (manifest.fields.length === 0) continue;
    const plugin: Schema = {type: 'object', properties: {}, additionalProperties: false};
    for (const field of manifest.fields) {
      const keys = field.path.split('.');
      let node = plugin;
      for (const key of keys.slice(0, -1)) {
        const props = node['properties'] as Record<string, Schema>;
        node = props[key] ??= {type: 'object', properties: {}, additionalProperties: false};
      }
      (node['properties'] as Record<string, Schema>)[keys[keys.length - 1] as string] = fromField(field);
    }
    plugins[manifest.short] = plugin;
  }
  properties['plugins'] = {type: 'object', properties: plugins, additionalProperties: false};

  for (const question of questions) {
    if (question.variable.startsWith('plugins.') || underOpen(question.variable, base.open)) continue;
    const node = nodeAt(root, question.variable);
    if (!node) throw new Error(`questions.base.yaml asks ${question.variable}, which is not in values.base.yaml.`);
    Object.assign(node, fromQuestion(question));
  }
  for (const [path, rule] of Object.entries(base.paths)) {
    const node = nodeAt(root, path);
    if (!node) throw new Error(`schema.base.yaml constrains ${path}, which is not in values.base.yaml.`);
    const ref = rule['$ref'];
    const resolved = typeof ref === 'string' ? base.definitions[ref] : undefined;
    if (typeof ref === 'string' && !resolved)
      throw new Error(`schema.base.yaml: ${path} refers to unknown definition ${ref}.`);
    const {$ref: _ref, ...own} = rule;
    Object.assign(node, resolved ?? {}, own);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment:
      'AUTO-GENERATED by `npm run generate:chart` from values.base.yaml, questions.base.yaml, schema.base.yaml and charts/plugins/*/manifest.yaml. Do not edit.',
    title: 'Buntime chart values',
    ...root,
  };
}

import {stringify} from 'yaml';
import type {Values} from './paths.js';

/**
 * Values as YAML that helm (YAML 1.1) reads back exactly: strings such as "on", "yes" or "0123"
 * stay quoted instead of turning into booleans or numbers. Every values file we write uses this.
 */
export function toHelmYaml(values: Values, header?: string): string {
  const body = Object.keys(values).length === 0 ? '{}\n' : stringify(values, {version: '1.1', lineWidth: 0});
  return header ? `${header}\n${body}` : body;
}

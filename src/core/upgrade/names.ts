import {fullname} from '../rules/naming.js';
import type {Values} from '../values/paths.js';

/**
 * The chart's `buntime.fullname` (every object name derives from it). One implementation, core's
 * rules/naming.ts, which mirrors charts/buntime/templates/_helpers.tpl.
 */
export function chartFullname(release: string, values: Values): string {
  return fullname(release, values);
}

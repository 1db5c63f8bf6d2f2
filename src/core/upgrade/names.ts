import {getPath, type Values} from '../values/paths.js';

const CHART_NAME = 'buntime';

function trim63(name: string): string {
  return name.slice(0, 63).replace(/-+$/, '');
}

/**
 * The chart's `buntime.fullname`: fullnameOverride, else the release name when it already contains
 * the chart name, else `<release>-<name>`. Every object name (PVCs, StatefulSets, Secrets) derives from it.
 */
export function chartFullname(release: string, values: Values): string {
  const override = getPath(values, 'fullnameOverride');
  if (typeof override === 'string' && override !== '') return trim63(override);
  const nameOverride = getPath(values, 'nameOverride');
  const name = typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : CHART_NAME;
  return trim63(release.includes(name) ? release : `${release}-${name}`);
}

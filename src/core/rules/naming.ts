/**
 * Object names derived from the release, computed exactly as charts/buntime/templates/_helpers.tpl
 * does: `buntime.name` = nameOverride or "buntime" (cut to 63, one trailing '-' removed);
 * fullname = fullnameOverride, else the release name when it contains the name, else
 * `<release>-<name>` (one trailing '-' removed, never cut). Each object adds a suffix and must fit
 * its Kubernetes limit; the chart `fail`s when one does not — this rule says so before helm runs,
 * with the largest fullname that fits.
 */
import {text, flag} from './read.js';
import type {Finding} from '../findings.js';
import {type Rule, finding} from './types.js';
import type {Values} from '../values/paths.js';
import {DNS1035_LABEL, MAX_RELEASE_NAME, releaseNameProblem, suggestReleaseName} from '../names.js';

const CHART_NAME = 'buntime';

/** Sprig's `trimSuffix "-"`: removes one trailing dash. */
function trimDash(name: string): string {
  return name.endsWith('-') ? name.slice(0, -1) : name;
}

/** `buntime.name`: nameOverride or the chart name. */
export function chartName(values: Values): string {
  return trimDash((text(values, 'nameOverride') || CHART_NAME).slice(0, 63));
}

/** `buntime.rawFullname` for a release (the base every object name is built from). */
export function fullname(release: string, values: Values): string {
  const override = text(values, 'fullnameOverride');
  if (override) return trimDash(override);
  const name = chartName(values);
  return trimDash(release.includes(name) ? release : `${release}-${name}`);
}

export interface DerivedName {
  readonly kind: string;
  readonly name: string;
  /** Kubernetes limit for this kind of object. */
  readonly max: number;
  readonly why: string;
}

const STATEFULSET_WHY = 'a StatefulSet name feeds the controller-revision-hash label (name + 11 characters ≤ 63)';
const SERVICE_WHY = 'Service names are DNS labels';
const CRONJOB_WHY = 'a CronJob name gets an 11-character suffix for its Jobs';

/** Every name the chart derives for these values (only objects that will be rendered). */
export function derivedNames(release: string, values: Values): DerivedName[] {
  const full = fullname(release, values);
  const names: DerivedName[] = [
    {kind: 'StatefulSet', name: full, max: 52, why: STATEFULSET_WHY},
    {kind: 'Service', name: full, max: 63, why: SERVICE_WHY},
    {kind: 'Service', name: `${full}-headless`, max: 63, why: SERVICE_WHY},
    {kind: 'PersistentVolumeClaim', name: `${full}-plugins`, max: 253, why: 'object names'},
    {kind: 'PersistentVolumeClaim', name: `${full}-apps`, max: 253, why: 'object names'},
  ];
  if (flag(values, 'tursoServer.enabled')) {
    names.push(
      {kind: 'StatefulSet', name: `${full}-turso`, max: 52, why: STATEFULSET_WHY},
      {kind: 'Service', name: `${full}-turso`, max: 63, why: SERVICE_WHY},
      {kind: 'Service', name: `${full}-turso-admin`, max: 63, why: SERVICE_WHY},
    );
    if (flag(values, 'tursoServer.backup.enabled'))
      names.push({kind: 'CronJob', name: `${full}-turso-backup`, max: 52, why: CRONJOB_WHY});
  }
  return names;
}

export const releaseNameRule: Rule = {
  id: 'release.name',
  severity: 'error',
  description: 'The release name is a valid Helm release name (lower-case DNS label, ≤ 53 characters).',
  check: ({release}) => {
    const problem = releaseNameProblem(release);
    if (!problem) return [];
    return [
      finding(releaseNameRule, `release name '${release}' ${problem}`, {
        hint:
          release.length > MAX_RELEASE_NAME
            ? 'Choose a shorter --release.'
            : `Try --release ${suggestReleaseName(release)}.`,
      }),
    ];
  },
};

export const namesLengthRule: Rule = {
  id: 'names.length',
  severity: 'error',
  description:
    'Every object name derived from the release/fullname fits its Kubernetes limit (fullname ≤ 46 with turso-server).',
  check: ({release, values}) => {
    const full = fullname(release, values);
    const out: Finding[] = [];
    const override = text(values, 'fullnameOverride');
    if (override && !DNS1035_LABEL.test(full)) {
      out.push(
        finding(
          namesLengthRule,
          `fullnameOverride '${override}' is not a valid name (lower-case letters, digits and '-', starting with a letter)`,
          {path: 'fullnameOverride'},
        ),
      );
    }
    const names = derivedNames(release, values);
    const tooLong = names.filter((item) => item.name.length > item.max);
    if (tooLong.length === 0) return out;
    const budget = Math.min(...names.map((item) => item.max - (item.name.length - full.length)));
    // Name the object that sets the limit (the CronJob when backups are on), not just the first one.
    const worst = [...tooLong].sort(
      (a, b) => a.max - (a.name.length - full.length) - (b.max - (b.name.length - full.length)),
    )[0] as DerivedName;
    out.push(
      finding(
        namesLengthRule,
        `${worst.kind} '${worst.name}' would be ${worst.name.length} characters (max ${worst.max}: ${worst.why}); the fullname '${full}' must be at most ${budget} characters`,
        {
          path: override ? 'fullnameOverride' : undefined,
          hint: release.includes(chartName(values))
            ? `Use a shorter release name (≤ ${budget} characters) or set fullnameOverride.`
            : `The fullname is '<release>-${chartName(values)}'; use a release name of at most ${Math.max(1, budget - chartName(values).length - 1)} characters, one that contains '${chartName(values)}', or set fullnameOverride.`,
        },
      ),
    );
    return out;
  },
};

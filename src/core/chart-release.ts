/**
 * The chart's release flow (seed "Helm & Kubernetes": after regenerating, bump the chart version).
 * Rancher shows "Upgrade Available" only when Chart.yaml's version changes, so content that changed
 * under an unchanged version never reaches anyone who installed the chart. A committed record maps
 * each version to a digest of the chart's content; a content change under a recorded version is a
 * finding (`npm test`, `npm run generate:chart` and `buntime-deploy lint` report it), and recording
 * is one command. Pure: the caller reads the files and hashes the text.
 */
import type {Finding} from './findings.js';

/** The record, inside the chart directory (left out of the digest and of the packaged chart). */
export const DIGESTS_FILE = 'chart-digests.json';

/** The command that records the current version's digest (after bumping). */
export const RECORD_COMMAND = 'npm run chart:record';

export const RELEASE_RULE = 'chart.version';

/** `version: 1.2.3` in Chart.yaml (top-level key), or undefined. */
export function chartVersion(chartYaml: string): string | undefined {
  const match = /^version:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/m.exec(chartYaml);
  return match?.[1];
}

/**
 * The text whose hash is the chart's content digest: every file but the record, sorted by path,
 * with Chart.yaml's version blanked (bumping the version alone is not a content change).
 */
export function digestInput(files: ReadonlyArray<{readonly path: string; readonly text: string}>): string {
  return [...files]
    .filter((file) => file.path !== DIGESTS_FILE)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => {
      const text = file.path === 'Chart.yaml' ? file.text.replace(/^version:.*$/m, 'version: <any>') : file.text;
      return `${file.path}\0${text.length}\0${text}`;
    })
    .join('\0');
}

/** `{"0.6.0": "sha256:…"}` parsed, or a reason it is unusable. */
export function parseDigests(text: string): {ok: true; digests: Record<string, string>} | {ok: false; error: string} {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {ok: false, error: `not JSON (${(error as Error).message})`};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {ok: false, error: 'expected an object of version → digest'};
  const digests: Record<string, string> = {};
  for (const [version, digest] of Object.entries(value)) {
    if (typeof digest !== 'string') return {ok: false, error: `the digest of ${version} is not a string`};
    digests[version] = digest;
  }
  return {ok: true, digests};
}

/** Semver-ish comparison of x.y.z[-pre] (pre-releases sort before their release). */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.split('+')[0]?.split(/-(.*)/s) ?? [];
    return {parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre};
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** The next patch and minor versions, for the message. */
function nextVersions(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split(/[-+]/)[0]?.split('.').map(Number) ?? [];
  return `${major}.${minor}.${patch + 1} for a fix, ${major}.${minor + 1}.0 for a feature or a breaking change`;
}

export interface ReleaseState {
  /** The chart directory as shown to people (charts/buntime). */
  readonly chart: string;
  readonly version: string | undefined;
  readonly digest: string;
  /** undefined: there is no record file (the check is skipped). */
  readonly recorded: Readonly<Record<string, string>> | undefined;
}

/** Findings about the version and the recorded digests (empty when the record matches). */
export function checkRelease(state: ReleaseState): Finding[] {
  const chartYaml = `${state.chart}/Chart.yaml`;
  const record = `${state.chart}/${DIGESTS_FILE}`;
  const notes = `${state.chart}/release-notes.md`;
  if (!state.version)
    return [
      {
        id: RELEASE_RULE,
        severity: 'error',
        file: chartYaml,
        message: 'Chart.yaml has no version.',
        hint: 'Add version: x.y.z.',
      },
    ];
  // A chart without a record does not follow this release flow (someone else's chart): nothing to say.
  if (!state.recorded) return [];
  const mine = state.recorded[state.version];
  if (mine === state.digest) return [];
  const newer = Object.keys(state.recorded).filter((v) => compareVersions(v, state.version as string) > 0);
  if (mine === undefined) {
    return [
      {
        id: RELEASE_RULE,
        severity: 'error',
        file: record,
        message:
          newer.length > 0
            ? `Chart.yaml says version ${state.version}, older than the recorded ${newer.sort(compareVersions).at(-1)}.`
            : `Chart version ${state.version} has no recorded digest.`,
        hint:
          newer.length > 0
            ? `Set a version above ${newer.sort(compareVersions).at(-1)} in ${chartYaml}, describe it in ${notes}, then run ${RECORD_COMMAND}.`
            : `If ${state.version} is the new version of these changes, describe them in ${notes} and run ${RECORD_COMMAND} (then commit ${record}).`,
      },
    ];
  }
  return [
    {
      id: RELEASE_RULE,
      severity: 'error',
      file: chartYaml,
      message: `The chart's content changed, but Chart.yaml still says version ${state.version}, which was recorded with other content: Rancher and helm repo users would never see the change as an upgrade.`,
      hint: `Bump version in ${chartYaml} (${nextVersions(state.version)}), describe the change in ${notes}, run ${RECORD_COMMAND} and commit ${record}.`,
    },
  ];
}

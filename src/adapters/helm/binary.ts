import {ExternalError} from '../../core/errors.js';
import {execResult} from '../exec.js';

export interface HelmBinary {
  /** Path or name used to run it. */
  readonly path: string;
  /** e.g. v3.21.4 */
  readonly version: string;
  readonly major: 3 | 4;
}

export const HELM_INSTALL_HINT =
  'Install helm 3 or 4 (https://helm.sh/docs/intro/install/, or `go install helm.sh/helm/v4/cmd/helm@latest`) ' +
  'and make sure it is on PATH, or pass --helm /path/to/helm.';

/** Parses `helm version --short` output such as `v3.21.4+g1234abc` or `v4.2.4`. */
export function parseHelmVersion(output: string): {version: string; major: number} | undefined {
  const match = /v(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?/.exec(output);
  if (!match) return undefined;
  return {version: match[0], major: Number(match[1])};
}

/**
 * Finds helm and learns its major version, which decides flags (helm 4 renamed --atomic to
 * --rollback-on-failure and defaults to server-side apply). Helm 2 and unknown majors are refused.
 */
export async function findHelm(
  options: {path?: string; env?: Readonly<Record<string, string | undefined>>; signal?: AbortSignal} = {},
): Promise<HelmBinary> {
  const path = options.path ?? options.env?.['BUNTIME_DEPLOY_HELM'] ?? 'helm';
  const result = await execResult(path, ['version', '--short'], {
    env: options.env,
    signal: options.signal,
    missingHint: HELM_INSTALL_HINT,
  });
  const parsed = parseHelmVersion(result.stdout);
  if (result.exitCode !== 0 || !parsed) {
    throw new ExternalError(`Could not read the helm version from '${path}'.`, {
      command: `${path} version --short`,
      stderr: result.stderr || result.stdout,
      hint: HELM_INSTALL_HINT,
    });
  }
  if (parsed.major !== 3 && parsed.major !== 4) {
    throw new ExternalError(`helm ${parsed.version} is not supported; buntime-deploy needs helm 3 or 4.`, {
      command: `${path} version --short`,
      hint: HELM_INSTALL_HINT,
    });
  }
  return {path, version: parsed.version, major: parsed.major};
}

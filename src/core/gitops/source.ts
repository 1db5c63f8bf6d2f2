/**
 * Where a GitOps engine takes the chart from: a chart repository, an OCI reference, a path in a git
 * repository, or the bundled chart written next to the export. One parser for the flags and the
 * wizard's answers, so both refuse the same mistakes with the same words.
 */

export type ChartSource =
  /** A Helm chart repository (index.yaml over https). */
  | {readonly kind: 'repo'; readonly url: string; readonly chart: string; readonly version: string}
  /** An OCI reference to the chart itself, `oci://host/path/buntime`. */
  | {readonly kind: 'oci'; readonly url: string; readonly version: string}
  /** A chart directory in a git repository (`url` unset: the repository the engine already syncs). */
  | {readonly kind: 'git'; readonly url?: string; readonly path: string; readonly revision: string}
  /** The bundled chart, copied into the export at `dir` (relative to it); `repoPath` is the export's path in git. */
  | {
      readonly kind: 'bundled';
      readonly dir: string;
      readonly repoPath: string;
      readonly gitUrl?: string;
      readonly revision: string;
      readonly version: string;
      /** The packaged chart for k3s's static charts folder (file name in the export). */
      readonly archive: string;
    };

export interface SourceInput {
  readonly repo?: string;
  readonly oci?: string;
  readonly gitPath?: string;
  readonly gitUrl?: string;
  readonly revision?: string;
  readonly version?: string;
}

/** Why a chart source input is wrong (the flag named), or undefined. */
export function chartSourceProblem(input: SourceInput): string | undefined {
  const given = [input.repo, input.oci, input.gitPath].filter((value) => value !== undefined);
  if (given.length > 1) return 'give only one of --chart-repo, --chart-oci and --chart-git';
  if (input.repo !== undefined && !/^https?:\/\/[^\s/]+/.test(input.repo))
    return `--chart-repo '${input.repo}' is not an http(s) URL of a chart repository`;
  if (input.oci !== undefined && !/^oci:\/\/[^\s/]+\/\S+$/.test(input.oci))
    return `--chart-oci '${input.oci}' is not an OCI reference such as oci://ghcr.io/org/charts/buntime`;
  if (input.gitPath !== undefined && (input.gitPath === '' || /^\/|(^|\/)\.\.(\/|$)/.test(input.gitPath)))
    return `--chart-git '${input.gitPath}' must be a path inside the repository (relative, without '..')`;
  if (input.gitUrl !== undefined && !/^(https?:\/\/|ssh:\/\/|git@)\S+$/.test(input.gitUrl))
    return `--git-url '${input.gitUrl}' is not a git URL (https://…, ssh://… or git@host:org/repo)`;
  if (input.version !== undefined && !/^\S+$/.test(input.version)) return `--chart-version '${input.version}' is empty`;
  return undefined;
}

/** A repository path without leading './' or trailing '/', '' for the root. */
export function repoRelative(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** `./a/b` for Flux and Fleet paths ('.' for the root). */
export function dotPath(path: string): string {
  const rel = repoRelative(path);
  return rel === '' ? '.' : `./${rel}`;
}

/** The chart name at the end of an OCI reference (oci://host/org/charts/buntime → buntime). */
export function ociChartName(url: string): string {
  return url.replace(/\/+$/, '').split('/').pop() ?? url;
}

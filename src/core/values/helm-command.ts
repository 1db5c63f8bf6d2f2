/**
 * The helm command a render leads to. Values reach helm only as files (-f), never as --set, so no
 * secret ever appears in argv, the process list or shell history.
 */
export interface HelmCommandInput {
  readonly release: string;
  readonly chart: string;
  readonly namespace: string;
  /** Values files in order (the secrets file last so it wins). */
  readonly valueFiles: readonly string[];
}

/** argv after `helm`: `upgrade --install <release> <chart> -n <ns> --create-namespace -f …`. */
export function helmUpgradeArgs(input: HelmCommandInput): string[] {
  return [
    'upgrade',
    '--install',
    input.release,
    input.chart,
    '-n',
    input.namespace,
    '--create-namespace',
    ...input.valueFiles.flatMap((file) => ['-f', file]),
  ];
}

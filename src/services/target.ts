/** Which release a command works on. Built from flags by src/commands/options.ts, validated there. */
export interface ReleaseTarget {
  readonly release: string;
  readonly namespace: string;
  readonly kubeContext?: string;
  /** False when --namespace / --release were left out (the wizard may then pick them from the cluster). */
  readonly namespaceGiven: boolean;
  readonly releaseGiven: boolean;
}

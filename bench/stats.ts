/** Median of a non-empty sample (the figure every benchmark reports). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Figure {
  readonly name: string;
  /** What was measured, with units. */
  readonly value: number;
  readonly unit: 'ms' | 'x' | 'KB' | 'MB' | 's';
  /** The goal, in the same unit; undefined when the figure is informational. */
  readonly target?: number;
  readonly detail?: string;
}

export function meets(figure: Figure): boolean | undefined {
  return figure.target === undefined ? undefined : figure.value <= figure.target;
}

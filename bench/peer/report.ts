/** One row of the peer table: our median, the peer's median in the same run, their ratio and the target. */
export interface PeerFigure {
  readonly measure: string;
  /** Pods in the namespace (N), when the measure depends on it. */
  readonly pods?: number;
  readonly peer: string;
  readonly ours: number;
  readonly theirs: number;
  readonly unit: 'ms' | 's' | 'MB' | 'requests';
  /** ours / theirs, or undefined when the comparison is not a ratio (requests). */
  readonly ratio?: number;
  /** Largest ratio that meets the target; undefined: informational. */
  readonly target?: number;
  /** Set for measures whose verdict is not a plain ratio (API requests). */
  readonly met?: boolean;
  readonly targetText?: string;
  readonly detail?: string;
}

export function verdict(figure: PeerFigure): boolean | undefined {
  if (figure.met !== undefined) return figure.met;
  if (figure.target === undefined || figure.ratio === undefined) return undefined;
  return figure.ratio <= figure.target;
}

const fmt = (value: number, unit: PeerFigure['unit']): string => {
  if (!Number.isFinite(value)) return '–';
  if (unit === 's') return `${(value / 1000).toFixed(2)} s`;
  if (unit === 'ms') return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  if (unit === 'MB') return `${Math.round(value)} MB`;
  return String(value);
};

/** The Markdown table `npm run bench` prints (and the README holds one of). */
export function peerTable(figures: readonly PeerFigure[]): string {
  const lines = [
    '| Measure | N pods | buntime-deploy | peer | ratio | target | met | detail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const figure of figures) {
    const ok = verdict(figure);
    const target = figure.targetText ?? (figure.target === undefined ? '' : `≤ ${figure.target}×`);
    lines.push(
      `| ${figure.measure} | ${figure.pods ?? ''} | ${fmt(figure.ours, figure.unit)} | ${fmt(figure.theirs, figure.unit)} (${figure.peer}) | ${
        figure.ratio === undefined || !Number.isFinite(figure.ratio) ? '' : `${figure.ratio.toFixed(2)}×`
      } | ${target} | ${ok === undefined ? '' : ok ? 'met' : '**not met**'} | ${figure.detail ?? ''} |`,
    );
  }
  return lines.join('\n');
}

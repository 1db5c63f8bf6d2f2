/**
 * What `helm status` says about a release, as the Start screen, `status` and the live screen show
 * it. Read from helm's release record (chart metadata and `info` only: the record's user values and
 * manifest can hold secrets and are never kept).
 */
export interface ReleaseInfo {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly status: string;
  readonly chart: string;
  readonly chartVersion: string;
  readonly appVersion?: string;
  /** ISO time of the last deploy of this revision. */
  readonly lastDeployed?: string;
  readonly firstDeployed?: string;
  readonly description?: string;
  /** The chart's NOTES.txt as rendered for this revision. */
  readonly notes?: string;
}

/** `rev 3 · deployed · chart buntime-0.6.0 (app 1.4.0) · last deployed 2026-…`. */
export function releaseSummary(info: ReleaseInfo): string {
  return [
    `rev ${info.revision}`,
    info.status,
    `chart ${info.chart}-${info.chartVersion}${info.appVersion ? ` (app ${info.appVersion})` : ''}`,
    ...(info.lastDeployed ? [`last deployed ${info.lastDeployed}`] : []),
  ].join(' · ');
}

import type {Context} from '../../context.js';
import {buildListing} from '../../core/backups/list.js';
import {renderListing} from '../../ui/backups/index.js';
import {type BackupsTarget, liveNamespaces, openReleaseBackups} from './access.js';

export interface ListOptions extends BackupsTarget {
  /** Only this turso-server namespace. */
  readonly only?: string;
  readonly json: boolean;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** `backups list [NS]`: the bucket's snapshots per namespace, the retention, and the last run. */
export async function runBackupsList(options: ListOptions, ctx: Context): Promise<number> {
  const access = await openReleaseBackups(options, ctx);
  try {
    const [objects, lastRun, live] = await Promise.all([
      access.bucket.objects(),
      access.bucket.lastRun(),
      liveNamespaces(access.conn, options.namespace, access.wiring),
    ]);
    const listing = buildListing({
      bucket: access.bucket.bucket,
      retentionCount: access.bucket.retentionCount,
      objects,
      ...('namespaces' in live ? {liveNamespaces: live.namespaces.map((item) => item.name)} : {}),
      ...(lastRun ? {lastRun} : {}),
      ...(options.only ? {only: options.only} : {}),
      now: Date.now(),
    });
    if (options.json) {
      const report = {
        bucket: listing.bucket,
        endpoint: access.bucket.clusterEndpoint,
        ...(access.bucket.via ? {via: access.bucket.via} : {}),
        retentionCount: listing.retentionCount,
        admin: 'namespaces' in live ? 'live' : `error: ${live.error}`,
        ...(listing.lastRun
          ? {
              lastRun: {
                ...listing.lastRun,
                startedAt: iso(listing.lastRun.startedAt),
                finishedAt: iso(listing.lastRun.finishedAt),
              },
            }
          : {}),
        namespaces: listing.namespaces.map((item) => ({
          namespace: item.namespace,
          ...(item.live !== undefined ? {live: item.live} : {}),
          count: item.snapshots.length,
          overRetention: item.overRetention,
          ...(item.newest ? {newest: item.newest.key} : {}),
          ...(item.lastRun ? {lastRun: item.lastRun} : {}),
          snapshots: item.snapshots.map((snapshot) => ({
            key: snapshot.key,
            takenAt: iso(snapshot.at),
            size: snapshot.size,
            ageSeconds: Math.round(snapshot.ageMs / 1000),
          })),
        })),
        withoutBackup: listing.withoutBackup,
      };
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      ctx.stdout.write(
        renderListing(
          listing,
          {endpoint: access.bucket.clusterEndpoint, ...(access.bucket.via ? {via: access.bucket.via} : {})},
          ctx.style,
        ),
      );
      if (!('namespaces' in live)) ctx.stdout.write(ctx.style.dim(`(live namespaces unknown: ${live.error})\n`));
    }
    return 0;
  } finally {
    await access.close();
  }
}

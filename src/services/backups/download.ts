import {existingPaths, writeFilesAtomic} from '../../adapters/files.js';
import type {Context} from '../../context.js';
import {pickSnapshot, snapshotsByNamespace} from '../../core/backups/snapshots.js';
import {sqliteFileProblem, sqliteHeader} from '../../core/backups/sqlite-file.js';
import {ExternalError, UserError} from '../../core/errors.js';
import {renderDownload} from '../../ui/backups/index.js';
import {type BackupsTarget, openReleaseBackups} from './access.js';

export interface DownloadOptions extends BackupsTarget {
  /** The turso-server namespace. */
  readonly name: string;
  /** The newest snapshot at or before this time (UTC ms); the newest without it. */
  readonly at?: number;
  readonly output: string;
  readonly json: boolean;
}

/** `backups download NS [--at TS] -o FILE`: one snapshot, checked complete, written 0600. */
export async function runBackupsDownload(options: DownloadOptions, ctx: Context): Promise<number> {
  if ((await existingPaths([options.output])).length > 0) {
    throw new UserError(`-o ${options.output} already exists; nothing was downloaded.`, {
      hint: 'Name a new file (a snapshot is never written over another file).',
    });
  }
  const access = await openReleaseBackups(options, ctx);
  try {
    const snapshots = snapshotsByNamespace(await access.bucket.objects()).get(options.name) ?? [];
    const snapshot = pickSnapshot(snapshots, options.at);
    if (!snapshot) {
      throw new UserError(
        snapshots.length === 0
          ? `No snapshot of namespace '${options.name}' in bucket ${access.bucket.bucket}.`
          : `No snapshot of '${options.name}' at or before ${new Date(options.at ?? 0).toISOString()}.`,
        {
          hint:
            snapshots.length === 0
              ? `See what there is: buntime-deploy backups list -n ${options.namespace}`
              : `The oldest is ${snapshots.at(-1)?.key}; see buntime-deploy backups list ${options.name} -n ${options.namespace}.`,
        },
      );
    }
    const bytes = await access.bucket.s3.getObject(access.bucket.bucket, snapshot.key);
    const problem = sqliteFileProblem(bytes.subarray(0, 100), bytes.length);
    if (problem) {
      throw new ExternalError(`${snapshot.key} is not a usable snapshot: ${problem}. Nothing was written.`, {
        command: `S3 GET ${access.bucket.bucket}/${snapshot.key}`,
        hint: 'Pick an older one with --at (buntime-deploy backups list shows them).',
      });
    }
    await writeFilesAtomic([{path: options.output, content: bytes, mode: 0o600}]);
    const {pageSize, pageCount} = sqliteHeader(bytes);
    const report = {
      key: snapshot.key,
      takenAt: new Date(snapshot.at).toISOString(),
      file: options.output,
      size: bytes.length,
      pageSize,
      pages: pageCount,
    };
    if (options.json) ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const image = access.wiring.turso?.image;
      ctx.stdout.write(renderDownload({...report, ...(image ? {image} : {})}, ctx.style));
    }
    return 0;
  } finally {
    await access.close();
  }
}

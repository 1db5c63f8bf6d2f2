import type {BackupObject} from '../core/status/backups.js';
import type {S3Client} from './s3.js';

/**
 * Every object of the backup bucket as the status model wants it (the backup job writes
 * `<ns>/<ns>-<stamp>.db` at the bucket root, so the whole bucket is listed).
 */
export async function listBackupObjects(s3: S3Client, bucket: string): Promise<BackupObject[]> {
  const objects = await s3.listObjects(bucket);
  return objects.map((object) => ({key: object.key, size: object.size, lastModified: object.lastModified.getTime()}));
}

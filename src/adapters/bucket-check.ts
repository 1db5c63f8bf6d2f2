import {randomBytes} from 'node:crypto';
import {ExternalError} from '../core/errors.js';
import {createS3Client, type S3Config} from './s3.js';

export type BucketCheck =
  | {readonly status: 'ok'}
  | {readonly status: 'missing'}
  | {readonly status: 'read-only'; readonly message: string}
  | {readonly status: 'unreachable' | 'denied' | 'invalid'; readonly message: string; readonly hint?: string};

/**
 * Checks from this machine that the backup bucket is reachable and writable: HEAD the bucket, then
 * put and delete a small probe object (what the backup job will do). Never throws.
 */
export async function checkBucket(config: S3Config, bucket: string): Promise<BucketCheck> {
  let client: ReturnType<typeof createS3Client>;
  try {
    client = createS3Client({timeoutMs: 8000, ...config});
  } catch (error) {
    return {status: 'invalid', message: error instanceof Error ? error.message : String(error)};
  }
  try {
    if ((await client.bucketStatus(bucket)) === 'missing') return {status: 'missing'};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof ExternalError ? error.hint : undefined;
    return /denied|403/.test(message) ? {status: 'denied', message, hint} : {status: 'unreachable', message, hint};
  }
  const key = `.buntime-deploy-check/${randomBytes(6).toString('hex')}`;
  try {
    await client.putObject(bucket, key, 'buntime-deploy write check\n');
  } catch (error) {
    return {status: 'read-only', message: error instanceof Error ? error.message : String(error)};
  }
  try {
    await client.deleteObject(bucket, key);
  } catch {
    // Writable is what matters; a leftover probe object is harmless.
  }
  return {status: 'ok'};
}

/** Creates the bucket (the chart never does). */
export async function createBucket(config: S3Config, bucket: string): Promise<void> {
  await createS3Client({timeoutMs: 8000, ...config}).createBucket(bucket);
}

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createS3Client} from '../../src/adapters/s3.js';
import {ExternalError} from '../../src/core/errors.js';
import {type MinioServer, freePort, startMinio} from '../helpers/minio.js';

describe('S3 adapter against a real MinIO', () => {
  let minio: MinioServer;
  beforeAll(async () => {
    minio = await startMinio({bucket: 'turso-backups'});
  });
  afterAll(async () => {
    await minio?.stop();
  });

  it('puts, lists with a prefix, gets and deletes objects', async () => {
    const s3 = minio.client;
    await s3.putObject(minio.bucket, 'runtime/runtime-20261121T020000Z.db', 'SQLite format 3\0abc');
    await s3.putObject(minio.bucket, 'runtime/runtime-20261122T020000Z.db', 'SQLite format 3\0abcdef');
    await s3.putObject(minio.bucket, 'api-keys/api-keys-20261122T020000Z.db', 'x');
    const listed = await s3.listObjects(minio.bucket, 'runtime/');
    expect(listed.map((object) => [object.key, object.size])).toEqual([
      ['runtime/runtime-20261121T020000Z.db', 19],
      ['runtime/runtime-20261122T020000Z.db', 22],
    ]);
    expect(listed[0]?.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(Buffer.from(await s3.getObject(minio.bucket, 'api-keys/api-keys-20261122T020000Z.db')).toString()).toBe('x');
    expect((await s3.listObjects(minio.bucket)).map((object) => object.key)).toEqual([
      'api-keys/api-keys-20261122T020000Z.db',
      'runtime/runtime-20261121T020000Z.db',
      'runtime/runtime-20261122T020000Z.db',
    ]);
    await s3.deleteObject(minio.bucket, 'api-keys/api-keys-20261122T020000Z.db');
    expect(await s3.listObjects(minio.bucket, 'api-keys/')).toEqual([]);
  });

  it('follows continuation tokens past 1000 keys', async () => {
    const keys = Array.from({length: 1003}, (_, index) => `many/k-${String(index).padStart(4, '0')}`);
    for (let index = 0; index < keys.length; index += 50) {
      await Promise.all(keys.slice(index, index + 50).map((key) => minio.client.putObject(minio.bucket, key, '1')));
    }
    expect((await minio.client.listObjects(minio.bucket, 'many/')).map((object) => object.key)).toEqual(keys);
  });

  it('reports missing buckets and creates them idempotently', async () => {
    expect(await minio.client.bucketStatus('not-there')).toBe('missing');
    await minio.client.createBucket('not-there');
    await minio.client.createBucket('not-there');
    expect(await minio.client.bucketStatus('not-there')).toBe('ok');
  });

  it('explains wrong credentials', async () => {
    const wrong = createS3Client({...minio, secretAccessKey: 'definitely-wrong', pathStyle: true});
    const error = await wrong.putObject(minio.bucket, 'x', 'y').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as ExternalError).message).toContain('SignatureDoesNotMatch');
    expect((error as ExternalError).hint).toContain('secret access key');
    await expect(wrong.bucketStatus(minio.bucket)).rejects.toThrow(/denied access to bucket 'turso-backups'/);
  });

  it('explains an unreachable endpoint', async () => {
    const port = await freePort();
    const gone = createS3Client({...minio, endpoint: `http://127.0.0.1:${port}`, pathStyle: true, timeoutMs: 2000});
    await expect(gone.bucketStatus('b')).rejects.toThrow(
      /Cannot reach the S3 endpoint http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });
});

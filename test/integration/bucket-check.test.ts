import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkBucket, createBucket} from '../../src/adapters/bucket-check.js';
import {freePort, startMinio, type MinioServer} from '../helpers/minio.js';

describe('backup bucket check against a real MinIO', () => {
  let minio: MinioServer;
  beforeAll(async () => {
    minio = await startMinio({bucket: 'turso-backups'});
  });
  afterAll(async () => {
    await minio?.stop();
  });
  const config = () => ({
    endpoint: minio.endpoint,
    region: minio.region,
    accessKeyId: minio.accessKeyId,
    secretAccessKey: minio.secretAccessKey,
    pathStyle: true,
  });

  it('an existing bucket is reachable and writable, and the probe object is gone afterwards', async () => {
    expect(await checkBucket(config(), 'turso-backups')).toEqual({status: 'ok'});
    expect(await minio.client.listObjects('turso-backups', '.buntime-deploy-check/')).toEqual([]);
  });

  it('a missing bucket is reported, and can be created', async () => {
    expect(await checkBucket(config(), 'new-backups')).toEqual({status: 'missing'});
    await createBucket(config(), 'new-backups');
    expect(await checkBucket(config(), 'new-backups')).toEqual({status: 'ok'});
  });

  it('wrong credentials are denied', async () => {
    const result = await checkBucket({...config(), secretAccessKey: 'wrong-secret-key-value'}, 'turso-backups');
    expect(result.status).toBe('denied');
  });

  it('a closed port is unreachable, with the reason', async () => {
    const port = await freePort();
    const result = await checkBucket({...config(), endpoint: `http://127.0.0.1:${port}`}, 'turso-backups');
    expect(result).toMatchObject({status: 'unreachable'});
    expect((result as {message: string}).message).toMatch(/Cannot reach the S3 endpoint/);
  });

  it('a bad endpoint is invalid', async () => {
    expect((await checkBucket({...config(), endpoint: 'ftp://x'}, 'b')).status).toBe('invalid');
  });
});

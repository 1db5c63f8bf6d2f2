import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createS3Client, type S3Client} from '../../src/adapters/s3.js';
import {isBuilt, toolPaths} from '../cluster/tools.js';

export interface MinioServer {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly bucket: string;
  readonly client: S3Client;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; closed again before MinIO binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the real MinIO server (built from Go modules by test/cluster/build.sh) on 127.0.0.1 with a
 * fresh data directory (under `parentDir`, default the OS temp dir) and one bucket. stop() kills it
 * and removes the directory.
 */
export async function startMinio(
  options: {bucket?: string; binary?: string; parentDir?: string} = {},
): Promise<MinioServer> {
  const binary = options.binary ?? toolPaths().minio;
  if (!isBuilt(binary)) {
    throw new Error(`MinIO is not built at ${binary}. Run 'npm run cluster -- build' (needs Go 1.26).`);
  }
  // parentDir lets the cluster harness keep MinIO's data inside its own work directory.
  const dataDir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'buntime-minio-'));
  const port = await freePort();
  const accessKeyId = `test${randomBytes(4).toString('hex')}`;
  const secretAccessKey = randomBytes(18).toString('base64url');
  const child = spawn(binary, ['server', '--quiet', '--address', `127.0.0.1:${port}`, dataDir], {
    env: {
      ...process.env,
      MINIO_ROOT_USER: accessKeyId,
      MINIO_ROOT_PASSWORD: secretAccessKey,
      MINIO_BROWSER: 'off',
      MINIO_UPDATE: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, {recursive: true, force: true});
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`MinIO exited (${child.exitCode}): ${stderr}`);
    }
    try {
      const response = await fetch(`${endpoint}/minio/health/ready`, {signal: AbortSignal.timeout(1000)});
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`MinIO did not become ready in 30 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const region = 'us-east-1';
  const client = createS3Client({endpoint, region, accessKeyId, secretAccessKey, pathStyle: true});
  const bucket = options.bucket ?? 'turso-backups';
  // /minio/health/ready can answer before the object layer is up (503 XMinioServerNotInitialized);
  // retry briefly, and never leave the server running when we give up.
  for (let attempt = 0; ; attempt++) {
    try {
      await client.createBucket(bucket);
      break;
    } catch (error) {
      if (attempt < 50 && String(error).includes('XMinioServerNotInitialized')) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      await stop();
      throw error;
    }
  }
  return {endpoint, region, accessKeyId, secretAccessKey, bucket, client, stop};
}

import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** Files (absolute paths) and the admin token of one test cluster's trust setup. */
export interface Pki {
  readonly dir: string;
  /** Self-signed CA that signs the serving certificate; clients verify the API server with it. */
  readonly caCert: string;
  /** Serving certificate for 127.0.0.1/localhost, used by kube-apiserver and by kwok's kubelet endpoint. */
  readonly serverCert: string;
  readonly serverKey: string;
  /** Key pair that signs and verifies ServiceAccount tokens. */
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
  /** kube-apiserver --token-auth-file: one admin user in system:masters. */
  readonly tokenFile: string;
  readonly token: string;
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, {cwd});
  } catch (error) {
    const err = error as NodeJS.ErrnoException & {stderr?: string};
    if (err.code === 'ENOENT') throw new Error('openssl is required by the test cluster (apt-get install openssl).');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr ?? err.message}`);
  }
}

/**
 * Creates a CA, a serving certificate and the ServiceAccount signing key with openssl (EC P-256,
 * valid for 7 days: clusters live minutes). A proper CA rather than insecure-skip-tls-verify, so
 * helm, kubectl and @kubernetes/client-node all verify the server as they would in production.
 */
export async function createPki(dir: string): Promise<Pki> {
  await mkdir(dir, {recursive: true, mode: 0o700});
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '7',
    '-subj',
    '/CN=buntime-test-ca',
  ]);
  await writeFile(
    join(dir, 'server.ext'),
    [
      // 10.0.0.1 is the `kubernetes` Service IP in --service-cluster-ip-range; harmless, never dialled.
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  await openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver']);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '7',
    '-extfile',
    'server.ext',
  ]);
  await openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'sa.key']);
  await openssl(dir, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(dir, 'tokens.csv');
  await writeFile(tokenFile, `${token},admin,admin,system:masters\n`, {mode: 0o600});
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPub: join(dir, 'sa.pub'),
    tokenFile,
    token,
  };
}

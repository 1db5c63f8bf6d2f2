import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findHelm, type HelmBinary} from '../../src/adapters/helm/binary.js';
import {isBuilt, toolPaths} from '../cluster/tools.js';

/** The real helm 3 and helm 4 built by test/cluster/build.sh; fails loudly when they are missing. */
export async function realHelms(): Promise<HelmBinary[]> {
  const paths = toolPaths();
  const helms: HelmBinary[] = [];
  for (const path of [paths.helm3, paths.helm4]) {
    if (!isBuilt(path))
      throw new Error(`helm is not built at ${path}. Run 'npm run cluster -- build' (needs Go 1.26).`);
    helms.push(await findHelm({path}));
  }
  return helms;
}

export interface BlackHole {
  readonly kubeconfig: string;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * An "API server" that accepts connections and never answers: helm started against it stays
 * alive (so tests can look at its argv and files) until it is cancelled.
 */
export async function blackHoleCluster(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dir = await mkdtemp(join(tmpdir(), 'buntime-blackhole-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: hole, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
      'users: [{name: hole, user: {token: not-a-secret}}]',
      'contexts: [{name: hole, context: {cluster: hole, user: hole}}]',
      'current-context: hole',
    ].join('\n'),
    {mode: 0o600},
  );
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_DATA_HOME: join(dir, 'data'),
  };
  return {
    kubeconfig,
    env,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, {recursive: true, force: true});
    },
  };
}

/**
 * Quitting the live screen must never wait on a port-forward: close() has to cut every stream,
 * including one whose WebSocket handshake was still in flight when close() ran (that stream used
 * to survive and keep the process alive until the far side hung up).
 */
import {connect as connectTcp} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connect, type KubeConnection} from '../../src/adapters/kube/client.js';
import {openPortForward} from '../../src/adapters/kube/port-forward.js';
import {getCluster} from '../cluster/harness.js';
import {createStatusRelease, type StatusRelease} from './status-fixture.js';

interface Handle {
  readonly constructor: {name: string};
  readonly localPort?: number;
}
/** Open sockets of this process, leaving out the in-process turso double's accepted connections (kwok keeps those open by design). */
let doublePorts: number[] = [];
const sockets = (): number =>
  (process as unknown as {_getActiveHandles(): Handle[]})
    ._getActiveHandles()
    .filter((handle) => handle.constructor.name === 'Socket' && !doublePorts.includes(handle.localPort ?? -1)).length;

async function settle(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('port-forward close', () => {
  let release: StatusRelease;
  let conn: KubeConnection;
  beforeAll(async () => {
    release = await createStatusRelease({prefix: 'pf-close'});
    doublePorts = [release.double.adminPort, release.double.dataPort];
    const found = await connect({env: {KUBECONFIG: getCluster().kubeconfig}});
    if (!found) throw new Error('no kubeconfig for the test cluster');
    conn = found;
  });
  afterAll(async () => {
    await release?.close();
  });

  it.each([1, 5, 20])('leaves no socket open when it closes during a handshake (attempt %i)', async () => {
    const forward = await openPortForward({conn, namespace: release.namespace, pod: 'buntime-turso-0', port: 8081});
    const before = sockets();
    // A client connects (the forward starts its WebSocket to the API server), and we quit at once.
    const client = connectTcp(forward.localPort, '127.0.0.1');
    client.on('error', () => undefined);
    // Same tick as the connect: the forward's handshake for this connection is certainly in flight.
    const closed = await new Promise<Promise<void>>((resolve) =>
      client.once('connect', () => {
        client.destroy();
        resolve(forward.close());
      }),
    );
    await closed;
    expect(await settle(() => sockets() <= before, 5000), `sockets before ${before}, now ${sockets()}`).toBe(true);
    // And it stays that way once any late handshake would have finished.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sockets()).toBeLessThanOrEqual(before);
  });
});

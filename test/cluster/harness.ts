/**
 * What e2e tests (test/e2e/**) use to reach the cluster the global setup started. See BRIEF.md,
 * "Shared test infrastructure contracts".
 */
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {getCluster, kube, waitFor} from './context.js';
import {setNodeCount as setNodes} from './nodes.js';

export {getCluster, kube, waitFor, type Clients, type TestCluster} from './context.js';

const run = promisify(execFile);

const created = new Set<string>();

/**
 * Creates a namespace `<prefix>-<random>` and waits for its default ServiceAccount (pods are refused
 * until the controller made it). The e2e setup file deletes it when the test file ends.
 */
export async function createNamespace(prefix: string): Promise<string> {
  const base =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'test';
  const name = `${base}-${randomBytes(3).toString('hex')}`;
  const {core} = await kube();
  await core.createNamespace({body: {metadata: {name, labels: {'buntime-test/namespace': 'true'}}}});
  created.add(name);
  await waitFor(
    `ServiceAccount default in ${name}`,
    () => core.readNamespacedServiceAccount({namespace: name, name: 'default'}),
    30_000,
  );
  return name;
}

/** Deletes the namespaces this test file created (without waiting for their finalisation). */
export async function deleteCreatedNamespaces(): Promise<void> {
  if (created.size === 0) return;
  const {core} = await kube();
  await Promise.all(
    [...created].map((name) =>
      core.deleteNamespace({name}).catch((error: {code?: number}) => {
        if (error.code !== 404) throw error;
      }),
    ),
  );
  created.clear();
}

let nodesChanged = false;

/** Makes the cluster have exactly n kwok nodes (kwok-node-0..n-1), all Ready. Reset to 1 after the file. */
export async function setNodeCount(n: number): Promise<void> {
  nodesChanged = true;
  await setNodes((await kube()).core, n);
}

/** Back to the single node the cluster starts with, if this file changed it. */
export async function restoreNodeCount(): Promise<void> {
  if (!nodesChanged) return;
  nodesChanged = false;
  await setNodes((await kube()).core, 1);
}

/**
 * Stops kube-apiserver and starts it again on the same port with the same data; resolves when it is
 * ready. `signal: 'SIGKILL'` simulates a crash; `downtimeMs` keeps it down for a while first.
 */
export async function restartApiServer(
  options: {signal?: 'SIGTERM' | 'SIGKILL'; downtimeMs?: number} = {},
): Promise<void> {
  const {control} = getCluster();
  const response = await fetch(`${control.url}/restart-apiserver`, {
    method: 'POST',
    headers: {authorization: `Bearer ${control.token}`, 'content-type': 'application/json'},
    body: JSON.stringify(options),
  });
  if (!response.ok) throw new Error(`restartApiServer failed: ${response.status} ${await response.text()}`);
}

/** Runs kubectl (v1.36, matching the server) against the cluster; resolves stdout, throws with stderr. */
export async function kubectl(args: readonly string[], options: {input?: string} = {}): Promise<string> {
  const cluster = getCluster();
  return runTool(cluster.kubectl, args, cluster.env, options.input);
}

/** Runs helm 3 or helm 4 against the cluster; resolves stdout, throws with stderr. */
export async function helm(major: 3 | 4, args: readonly string[]): Promise<string> {
  const cluster = getCluster();
  return runTool(major === 3 ? cluster.helm3 : cluster.helm4, args, cluster.env);
}

async function runTool(
  binary: string,
  args: readonly string[],
  env: Record<string, string>,
  input?: string,
): Promise<string> {
  const child = run(binary, [...args], {env: {...process.env, ...env}, maxBuffer: 64 * 1024 * 1024});
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    return (await child).stdout;
  } catch (error) {
    const err = error as {stderr?: string; message: string};
    throw new Error(`${binary.split('/').pop()} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export {
  forwardPodPort,
  openPortForward,
  setPodFilesystem,
  setPodLogs,
  type LocalForward,
  type PodFilesystem,
  type PodLogs,
} from './kwok-sim.js';
export {createJobFromCronJob, waitForClaimsBound, waitForJobComplete, waitForStatefulSetReady} from './workloads.js';

/** Writes `content` to a file in the cluster's work directory (removed at teardown); returns its path. */
export async function clusterFile(name: string, content: string): Promise<string> {
  const file = join(getCluster().workdir, `${randomBytes(3).toString('hex')}-${name}`);
  await writeFile(file, content, {mode: 0o600});
  return file;
}

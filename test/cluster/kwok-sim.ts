/**
 * kwok's simulated kubelet features, driven per test through kwok's CRDs: port-forward to a pod port
 * reaches a local server, pod logs come from a file the test writes, and exec runs in a directory
 * that stands for the pod's filesystem.
 */
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {appendFile, mkdir, symlink, writeFile} from 'node:fs/promises';
import {createServer, type AddressInfo, type Socket} from 'node:net';
import {dirname, join} from 'node:path';
import {PassThrough} from 'node:stream';
import {promisify} from 'node:util';
import {getCluster, kube, waitFor} from './context.js';

const GROUP = {group: 'kwok.x-k8s.io', version: 'v1alpha1'};

interface Forward {
  ports?: number[];
  target?: {address: string; port: number};
}

/**
 * Makes port `port` of pod `namespace/pod` forward to `target` (a server the test runs on
 * 127.0.0.1): a port-forward through the API server (kubectl port-forward, client-node PortForward)
 * then reaches it. Several ports of one pod can be forwarded; calling again replaces a port's target.
 * The rule follows the pod's name, so it survives the pod being recreated (StatefulSet pods).
 * Resolves once kwok applies the rule, which is checked with one probe connection to the target.
 *
 * kwok keeps its connection to the target open after the port-forward client goes away (it only
 * closes when the target does), so stop target servers with `closeAllConnections()` before
 * `close()`, or close() waits forever.
 */
export async function forwardPodPort(options: {
  namespace: string;
  pod: string;
  port: number;
  target: {host: string; port: number};
}): Promise<void> {
  const {custom} = await kube();
  const ref = {...GROUP, namespace: options.namespace, plural: 'portforwards'};
  const entry: Forward = {ports: [options.port], target: {address: options.target.host, port: options.target.port}};
  let existing: {spec?: {forwards?: Forward[]}; metadata?: {resourceVersion?: string}} | undefined;
  try {
    existing = await custom.getNamespacedCustomObject({...ref, name: options.pod});
  } catch (error) {
    if ((error as {code?: number}).code !== 404) throw error;
  }
  const others = (existing?.spec?.forwards ?? []).filter((f) => !(f.ports ?? []).includes(options.port));
  const body = {
    apiVersion: `${GROUP.group}/${GROUP.version}`,
    kind: 'PortForward',
    metadata: {name: options.pod, namespace: options.namespace, resourceVersion: existing?.metadata?.resourceVersion},
    spec: {forwards: [...others, entry]},
  };
  if (existing) await custom.replaceNamespacedCustomObject({...ref, name: options.pod, body});
  else await custom.createNamespacedCustomObject({...ref, body});
  await waitFor(
    `kwok to forward ${options.namespace}/${options.pod}:${options.port}`,
    () => forwardIsLive(options),
    15_000,
  );
}

/**
 * True when kwok has a rule for the pod port: kwok reports a missing rule on the port-forward error
 * stream at once; a configured rule connects to the target instead and the error stream stays quiet.
 */
async function forwardIsLive(options: {namespace: string; pod: string; port: number}): Promise<boolean> {
  const {k8s, kc} = await kube();
  const errors = new PassThrough();
  const input = new PassThrough();
  let failed = false;
  errors.on('data', () => (failed = true));
  const ws = await new k8s.PortForward(kc, false).portForward(
    options.namespace,
    options.pod,
    [options.port],
    new PassThrough(),
    errors,
    input,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  input.end();
  (ws as {close?: () => void}).close?.();
  return !failed;
}

export interface LocalForward {
  /** Port on 127.0.0.1 that tunnels to the pod port, like `kubectl port-forward`. */
  readonly port: number;
  close(): Promise<void>;
}

/** A local listener whose connections go to a pod port through the API server (client-node PortForward). */
export async function openPortForward(options: {namespace: string; pod: string; port: number}): Promise<LocalForward> {
  const {k8s, kc} = await kube();
  const forwarder = new k8s.PortForward(kc);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const errors = new PassThrough();
    errors.on('data', (chunk: Buffer) => socket.destroy(new Error(`port-forward: ${chunk.toString()}`)));
    socket.on('error', () => undefined);
    forwarder.portForward(options.namespace, options.pod, [options.port], socket, errors, socket).then(
      (ws) => socket.once('close', () => (ws as {close?: () => void}).close?.()),
      (error: unknown) => socket.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One CRI log line (the format kwok's Logs feature reads, like a kubelet's container log). */
function criLines(lines: readonly string[], stream: 'stdout' | 'stderr'): string {
  const now = Date.now();
  return lines.map((line, i) => `${new Date(now + i).toISOString()} ${stream} F ${line}\n`).join('');
}

export interface PodLogs {
  /** The log file kwok serves (in the cluster's work directory). */
  readonly file: string;
  /** Appends lines (followers, e.g. `kubectl logs -f`, see them). */
  append(lines: readonly string[]): Promise<void>;
}

/**
 * Gives pods logs: `pods` listed → a Logs object per pod; omitted → a ClusterLogs for the whole
 * namespace, which also covers pods created later (e.g. Job pods with generated names).
 */
export async function setPodLogs(options: {
  namespace: string;
  pods?: readonly string[];
  lines: readonly string[];
  stream?: 'stdout' | 'stderr';
}): Promise<PodLogs> {
  const {custom, core} = await kube();
  const stream = options.stream ?? 'stdout';
  const file = join(getCluster().podLogsDir, `${options.namespace}-${randomBytes(4).toString('hex')}.log`);
  await writeFile(file, criLines(options.lines, stream));
  const logs = [{containers: [], logsFile: file, follow: true}];
  const apiVersion = `${GROUP.group}/${GROUP.version}`;
  if (options.pods && options.pods.length > 0) {
    for (const pod of options.pods) {
      const ref = {...GROUP, namespace: options.namespace, plural: 'logs'};
      await custom.deleteNamespacedCustomObject({...ref, name: pod}).catch(() => undefined);
      await custom.createNamespacedCustomObject({
        ...ref,
        body: {apiVersion, kind: 'Logs', metadata: {name: pod, namespace: options.namespace}, spec: {logs}},
      });
    }
    const first = options.lines[0];
    for (const pod of options.pods) {
      // Wait until kwok serves the new file (an old rule or none gives an error or other text).
      await waitFor(
        `kwok logs for ${options.namespace}/${pod}`,
        async () => {
          const text = await core.readNamespacedPodLog({namespace: options.namespace, name: pod});
          return first === undefined || text.includes(first);
        },
        15_000,
      );
    }
  } else {
    const name = `${options.namespace}-${randomBytes(3).toString('hex')}`.slice(0, 63);
    await custom.createClusterCustomObject({
      ...GROUP,
      plural: 'clusterlogs',
      body: {
        apiVersion,
        kind: 'ClusterLogs',
        metadata: {name},
        spec: {selector: {matchNamespaces: [options.namespace]}, logs},
      },
    });
  }
  return {file, append: (lines) => appendFile(file, criLines(lines, stream))};
}

export interface PodFilesystem {
  /** The directory that is `/` of the pod for its execs. */
  root(pod: string): string;
  /** The directory behind a shared folder (what an RWX claim would hold). */
  shared(folder: string): string;
}

/**
 * Gives pods a filesystem for `kubectl exec` (kwok runs execs as local processes, see
 * exec-shim.ts): each pod gets a directory standing for its `/`, with `files` in it (what the
 * image ships, e.g. `data/.plugins/x/manifest.yaml`) and `shared` folders under /data that every
 * listed pod sees (what a ReadWriteMany claim is, e.g. `{plugins: 'buntime-plugins'}`). The rule
 * follows the pod's name, so it survives a StatefulSet recreating the pod. Resolves once kwok
 * answers an exec in every pod.
 */
export async function setPodFilesystem(options: {
  namespace: string;
  pods: readonly string[];
  shared?: Readonly<Record<string, string>>;
  files?: Readonly<Record<string, string>>;
}): Promise<PodFilesystem> {
  const {custom} = await kube();
  const base = join(getCluster().podFsDir, options.namespace);
  const root = (pod: string): string => join(base, 'pods', pod);
  const shared = (folder: string): string => join(base, 'claims', options.shared?.[folder] ?? folder);
  for (const folder of Object.keys(options.shared ?? {})) await mkdir(shared(folder), {recursive: true});
  const apiVersion = `${GROUP.group}/${GROUP.version}`;
  for (const pod of options.pods) {
    await mkdir(join(root(pod), 'data'), {recursive: true});
    for (const folder of Object.keys(options.shared ?? {})) {
      await symlink(shared(folder), join(root(pod), 'data', folder)).catch((error: {code?: string}) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
    for (const [path, content] of Object.entries(options.files ?? {})) {
      const file = join(root(pod), path);
      await mkdir(dirname(file), {recursive: true});
      await writeFile(file, content);
    }
    const ref = {...GROUP, namespace: options.namespace, plural: 'execs'};
    await custom.deleteNamespacedCustomObject({...ref, name: pod}).catch(() => undefined);
    await custom.createNamespacedCustomObject({
      ...ref,
      body: {
        apiVersion,
        kind: 'Exec',
        metadata: {name: pod, namespace: options.namespace},
        spec: {
          execs: [{local: {workDir: root(pod), envs: [{name: 'BUNTIME_TEST_POD_ROOT', value: root(pod)}]}}],
        },
      },
    });
  }
  for (const pod of options.pods) {
    await waitFor(
      `kwok exec in ${options.namespace}/${pod}`,
      async () =>
        (
          await kubectlRun(['-n', options.namespace, 'exec', pod, '--', 'sh', '-c', 'test -d /data && echo fs-ready'])
        ).includes('fs-ready'),
      15_000,
    );
  }
  return {root, shared};
}

async function kubectlRun(args: readonly string[]): Promise<string> {
  const cluster = getCluster();
  try {
    const {stdout} = await promisify(execFile)(cluster.kubectl, [...args], {env: {...process.env, ...cluster.env}});
    return stdout;
  } catch {
    return '';
  }
}

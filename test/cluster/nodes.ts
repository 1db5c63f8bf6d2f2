import type {CoreV1Api, V1Node} from '@kubernetes/client-node';

/** Label that marks the fake nodes this harness creates (and the only nodes setNodeCount touches). */
export const NODE_LABEL = 'buntime-test/kwok-node';
const NAME = /^kwok-node-(\d+)$/;

/**
 * A fake node kwok will manage (the kwok.x-k8s.io/node annotation is what kwok selects on). Status
 * given at creation is kept by the API server; kwok then adds the Ready conditions, the lease
 * heartbeat and the kubelet endpoint (its own port) so port-forward and logs reach kwok.
 */
export function nodeObject(index: number): V1Node {
  const name = `kwok-node-${index}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0'},
      labels: {
        [NODE_LABEL]: 'true',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
    spec: {},
    status: {
      allocatable: {cpu: '32', memory: '256Gi', pods: '110'},
      capacity: {cpu: '32', memory: '256Gi', pods: '110'},
      // Loopback, so the API server's kubelet connections (logs, port-forward) stay on this machine.
      addresses: [
        {type: 'InternalIP', address: '127.0.0.1'},
        {type: 'Hostname', address: name},
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        bootID: '',
        containerRuntimeVersion: '',
        kernelVersion: '',
        kubeProxyVersion: '',
        kubeletVersion: '',
        machineID: '',
        osImage: '',
        systemUUID: '',
      },
    },
  };
}

function isReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function isNotFound(error: unknown): boolean {
  return (error as {code?: number}).code === 404;
}

/**
 * Makes the cluster have exactly `count` kwok nodes, kwok-node-0..count-1, and waits until all of
 * them are Ready and the removed ones are gone. Removed nodes are drained first, as `kubectl drain`
 * would (cordoned, then their pods deleted), so controllers recreate the pods on the remaining nodes
 * at once instead of after the pod garbage collector's quarantine.
 */
export async function setNodeCount(core: CoreV1Api, count: number, timeoutMs = 60_000): Promise<void> {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`setNodeCount: expected a whole number >= 0, got ${count}`);
  const lib = await import('@kubernetes/client-node');
  const list = await core.listNode({labelSelector: NODE_LABEL});
  const existing = new Map<number, V1Node>();
  for (const node of list.items) {
    const match = NAME.exec(node.metadata?.name ?? '');
    if (match) existing.set(Number(match[1]), node);
  }
  for (let index = 0; index < count; index++) {
    if (!existing.has(index)) await core.createNode({body: nodeObject(index)});
  }
  const removed = [...existing].filter(([index]) => index >= count).map(([, node]) => node.metadata?.name ?? '');
  // Cordon all first, so pods evicted from one removed node are not rescheduled onto another.
  for (const name of removed) {
    await core.patchNode(
      {name, body: {spec: {unschedulable: true}}},
      lib.setHeaderOptions('Content-Type', lib.PatchStrategy.MergePatch),
    );
  }
  for (const name of removed) {
    const pods = await core.listPodForAllNamespaces({fieldSelector: `spec.nodeName=${name}`});
    await Promise.all(
      pods.items.map((pod) =>
        core
          .deleteNamespacedPod({namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? ''})
          .catch((error: unknown) => {
            if (!isNotFound(error)) throw error;
          }),
      ),
    );
    await core.deleteNode({name}).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = (await core.listNode({labelSelector: NODE_LABEL})).items;
    const ready = nodes.filter(isReady).length;
    const stranded = (await core.listPodForAllNamespaces()).items.filter((pod) => {
      const match = NAME.exec(pod.spec?.nodeName ?? '');
      return match !== null && Number(match[1]) >= count;
    }).length;
    if (nodes.length === count && ready === count && stranded === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `setNodeCount(${count}): after ${timeoutMs / 1000} s there are ${nodes.length} nodes, ${ready} Ready, ${stranded} pods on removed nodes`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

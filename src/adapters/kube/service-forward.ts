import type * as k8s from '@kubernetes/client-node';
import {ExternalError} from '../../core/errors.js';
import type {KubeConnection} from './client.js';
import {openPortForward, type PortForwardHandle} from './port-forward.js';

/**
 * `kubectl port-forward service/NAME PORT` done by hand, since the API has no port-forward for
 * Services: the Service's port → its targetPort (a number, or a container port name) on one
 * Ready pod of its selector, then a port-forward to that pod.
 */
export interface ServiceForward extends PortForwardHandle {
  readonly pod: string;
  readonly podPort: number;
}

type Conn = Pick<KubeConnection, 'core' | 'k8s' | 'kc'>;

export async function serviceExists(conn: Conn, namespace: string, service: string): Promise<boolean> {
  try {
    await conn.core.readNamespacedService({namespace, name: service});
    return true;
  } catch (error) {
    if ((error as {code?: number}).code === 404) return false;
    throw error;
  }
}

export async function forwardToService(
  conn: Conn,
  target: {namespace: string; service: string; port: number},
): Promise<ServiceForward> {
  const {namespace, service, port} = target;
  const command = `kubectl -n ${namespace} port-forward service/${service} ${port}`;
  let svc: k8s.V1Service;
  try {
    svc = await conn.core.readNamespacedService({namespace, name: service});
  } catch (error) {
    const status = (error as {code?: number}).code;
    throw new ExternalError(
      status === 404
        ? `Service ${namespace}/${service} does not exist.`
        : `Cannot read Service ${namespace}/${service}: ${(error as Error).message}`,
      {command, hint: 'Pass --s3-endpoint with a URL this machine can reach (e.g. through your own port-forward).'},
    );
  }
  const ports = svc.spec?.ports ?? [];
  const servicePort = ports.find((item) => item.port === port) ?? (ports.length === 1 ? ports[0] : undefined);
  const selector = svc.spec?.selector ?? {};
  if (!servicePort || Object.keys(selector).length === 0) {
    throw new ExternalError(
      `Service ${namespace}/${service} has ${servicePort ? 'no selector' : `no port ${port}`}: nothing to port-forward to.`,
      {command, hint: 'Pass --s3-endpoint with a URL this machine can reach.'},
    );
  }
  const labelSelector = Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const pods = await conn.core.listNamespacedPod({namespace, labelSelector});
  const ready = (pod: k8s.V1Pod): boolean =>
    pod.status?.phase === 'Running' &&
    (pod.status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
  const pod = pods.items.find(ready) ?? pods.items.find((item) => item.status?.phase === 'Running');
  if (!pod?.metadata?.name) {
    throw new ExternalError(`No running pod behind Service ${namespace}/${service} (selector ${labelSelector}).`, {
      command: `kubectl -n ${namespace} get pods -l ${labelSelector}`,
    });
  }
  const targetPort = servicePort.targetPort ?? servicePort.port;
  let podPort = typeof targetPort === 'number' ? targetPort : Number(targetPort);
  if (Number.isNaN(podPort)) {
    podPort =
      pod.spec?.containers.flatMap((container) => container.ports ?? []).find((item) => item.name === targetPort)
        ?.containerPort ?? Number.NaN;
  }
  if (Number.isNaN(podPort)) {
    throw new ExternalError(`Pod ${pod.metadata.name} has no port named '${String(targetPort)}'.`, {command});
  }
  const forward = await openPortForward({conn, namespace, pod: pod.metadata.name, port: podPort});
  return {...forward, pod: pod.metadata.name, podPort};
}

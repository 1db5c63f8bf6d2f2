import {getPath, type Values} from '../../core/values/paths.js';

export interface AccessHint {
  readonly kind: 'ingress' | 'route' | 'nodeport' | 'port-forward';
  /** A URL to open, when there is one. */
  readonly url?: string;
  /** A command to run first (port-forward, reading the NodePort). */
  readonly command?: string;
  readonly note?: string;
}

function str(values: Values, path: string): string {
  const value = getPath(values, path);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * How to reach the runtime after an install, best first: the Ingress host, the OpenShift Route,
 * the NodePort, and always a port-forward that works from any laptop with kubectl.
 */
export function accessHints(
  values: Values,
  input: {namespace: string; fullname: string; nodePort?: number; nodeAddress?: string},
): AccessHint[] {
  const hints: AccessHint[] = [];
  const port = str(values, 'service.port') || '8000';
  const host = str(values, 'ingress.host');
  if (host) {
    const scheme = getPath(values, 'ingress.tls.enabled') === true ? 'https' : 'http';
    const path = str(values, 'ingress.path') || '/';
    const shown = host.startsWith('*.') ? host.replace('*', 'app') : host;
    hints.push({
      kind: 'ingress',
      url: `${scheme}://${shown}${path === '/' ? '' : path}`,
      note: host.startsWith('*.') ? 'wildcard host: any subdomain works' : 'DNS must point at the ingress controller',
    });
  }
  if (getPath(values, 'route.enabled') === true) {
    const routeHost = str(values, 'route.host');
    const scheme = getPath(values, 'route.tls.enabled') === false ? 'http' : 'https';
    hints.push(
      routeHost
        ? {kind: 'route', url: `${scheme}://${routeHost}`}
        : {
            kind: 'route',
            command: `oc -n ${input.namespace} get route ${input.fullname} -o jsonpath='{.spec.host}'`,
            note: 'OpenShift picks the host',
          },
    );
  }
  if (str(values, 'service.type') === 'NodePort') {
    hints.push(
      input.nodePort
        ? {
            kind: 'nodeport',
            url: `http://${input.nodeAddress ?? '<node-ip>'}:${input.nodePort}`,
            note: 'any node address works',
          }
        : {
            kind: 'nodeport',
            command: `kubectl -n ${input.namespace} get svc ${input.fullname} -o jsonpath='{.spec.ports[0].nodePort}'`,
          },
    );
  }
  hints.push({
    kind: 'port-forward',
    command: `kubectl -n ${input.namespace} port-forward svc/${input.fullname} ${port}:${port}`,
    url: `http://localhost:${port}`,
  });
  return hints;
}

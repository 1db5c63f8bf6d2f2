import type {PodStatus} from './pod-status.js';

/** One recent event of a pod, already reduced to what the screen shows. */
export interface PodEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  /** ms since the epoch of the last occurrence. */
  readonly at: number;
}

/** A PersistentVolumeClaim the pod mounts, as the diagnosis needs it. */
export interface ClaimInfo {
  readonly name: string;
  readonly phase: string;
  readonly storageClassName?: string;
}

export interface DiagnosisContext {
  readonly group: 'runtime' | 'turso-server' | 'backup';
  readonly status: PodStatus;
  readonly events: readonly PodEvent[];
  readonly claims?: readonly ClaimInfo[];
  readonly image?: string;
  /** Kubernetes namespace, for the commands we suggest. */
  readonly namespace: string;
  /** Whether the release's turso-server pod is ready (undefined when turso-server is not deployed). */
  readonly tursoReady?: boolean;
}

export interface Diagnosis {
  /** What is wrong, in one line. */
  readonly problem: string;
  /** What to check or change, from the seed's troubleshooting table. */
  readonly hint: string;
  /** A command that shows more. */
  readonly command?: string;
}

const has = (events: readonly PodEvent[], pattern: RegExp): PodEvent | undefined =>
  events.find((event) => pattern.test(event.reason) || pattern.test(event.message));

/**
 * Turns a failing pod's status and events into a hint from the chart's troubleshooting table.
 * Returns undefined for healthy or merely starting pods.
 */
export function diagnosePod(context: DiagnosisContext): Diagnosis | undefined {
  const {status, events, namespace} = context;
  const describe = `kubectl -n ${namespace} describe pod`;
  if (status.severity === 'ok' || status.severity === 'done') return undefined;

  if (status.status === 'Pending' || has(events, /FailedScheduling|ProvisioningFailed|unbound/i)) {
    const unbound = context.claims?.filter((claim) => claim.phase !== 'Bound') ?? [];
    const noClass = unbound.find((claim) => !claim.storageClassName);
    const text = `${status.message ?? ''} ${events.map((event) => event.message).join(' ')}`;
    if (noClass || /unbound|PersistentVolumeClaim|storageclass/i.test(text) || unbound.length > 0) {
      const which = noClass ?? unbound[0];
      return {
        problem: which
          ? `Pending: PVC ${which.name} is ${which.phase}${which.storageClassName ? ` (StorageClass ${which.storageClassName})` : ' and has no StorageClass'}.`
          : 'Pending: a PersistentVolumeClaim is not bound.',
        hint: 'Usually a PVC without a StorageClass: set persistence.*.storageClass (or mark a StorageClass as default), and use ReadWriteMany only on an RWX-capable class.',
        command: `kubectl -n ${namespace} get pvc`,
      };
    }
    if (status.reason === 'Unschedulable' || has(events, /FailedScheduling/)) {
      return {
        problem: `Pending: ${status.message ?? 'the scheduler cannot place the pod'}`,
        hint: 'No node fits the pod: check node capacity against resources.requests, and node selectors/taints.',
        command: describe,
      };
    }
    if (status.severity !== 'error') return undefined;
  }

  if (/ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull/.test(status.status)) {
    return {
      problem: `${status.status}${context.image ? `: ${context.image}` : ''}.`,
      hint: 'Check imagePullSecrets in the namespace and that image.repository (and tag) are right.',
      command: `kubectl -n ${namespace} get secret; ${describe}`,
    };
  }

  if (status.status === 'CreateContainerConfigError') {
    return {
      problem: `CreateContainerConfigError: ${status.message ?? 'a referenced Secret or ConfigMap key is missing'}.`,
      hint:
        context.group === 'backup'
          ? 'The backup job needs TURSO_ADMIN_TOKEN in the turso Secret: set tursoServer.adminToken (or its existing Secret) and the S3 Secret.'
          : 'A Secret or ConfigMap key the pod references does not exist; check existingSecret names and keys.',
      command: describe,
    };
  }

  const probe = has(events, /probe failed|Unhealthy/i);
  if (probe && context.group === 'runtime') {
    return {
      problem: `Probe failing: ${probe.message}`,
      hint: 'The probes call <apiPrefix>/api/health/live and /ready; buntime.apiPrefix (RUNTIME_API_PREFIX) changes these paths, so it must be "" or "/segment" without a trailing slash.',
      command: describe,
    };
  }

  if (context.group === 'runtime' && context.tursoReady === false) {
    return {
      problem: `${status.status}: the runtime cannot reach turso-server, which is not ready.`,
      hint: 'turso unreachable: fix the turso-server pod first, and check the <fullname>-turso Service and TURSO_SERVER_URL / authDb.syncUrl.',
      command: `kubectl -n ${namespace} get pods,svc -l app.kubernetes.io/component=turso-server`,
    };
  }

  if (status.status === 'OOMKilled' || status.reason === 'OOMKilled') {
    return {
      problem: 'The container was killed for using too much memory (OOMKilled).',
      hint: 'Raise resources.limits.memory.',
      command: describe,
    };
  }
  if (status.status === 'Evicted') {
    return {
      problem: `Evicted: ${status.message ?? 'node pressure'}`,
      hint: 'The node ran short of memory or disk; check node pressure and resource requests.',
      command: describe,
    };
  }
  if (probe) {
    return {
      problem: `Probe failing: ${probe.message}`,
      hint: 'turso-server answers /healthz on its data port; check the pod logs.',
      command: describe,
    };
  }
  if (status.severity === 'error' || status.severity === 'warn') {
    const last = events.find((event) => event.type === 'Warning');
    return {
      problem: `${status.status}${status.reason ? ` (${status.reason})` : ''}${last ? `: ${last.message}` : status.message ? `: ${status.message}` : '.'}`,
      hint: 'Look at the pod logs (l) and events.',
      command: `kubectl -n ${namespace} logs --previous`,
    };
  }
  return undefined;
}

/** The hint for an Ingress TLS secret that does not exist (cert-manager did not issue it). */
export function diagnoseMissingCertificate(namespace: string, secretName: string): Diagnosis {
  return {
    problem: `TLS secret ${secretName} does not exist: the certificate was not issued.`,
    hint: 'Missing cert: check the Certificate and cert-manager (the ClusterIssuer named in ingress.annotations) and its logs.',
    command: `kubectl -n ${namespace} get certificate; kubectl -n cert-manager logs deploy/cert-manager`,
  };
}

import type {ContainerStatusLike, PodLike} from './kube-types.js';

/**
 * How a row should look and count: ok (running and ready), progress (starting, terminating),
 * warn (running but not ready), error (failing), done (a finished job pod).
 */
export type Severity = 'ok' | 'progress' | 'warn' | 'error' | 'done';

export interface PodStatus {
  /** The STATUS column as kubectl/k9s compute it (CrashLoopBackOff, Init:1/2, Terminating…). */
  readonly status: string;
  /** Why, when the status alone does not say (Pending → Unschedulable). */
  readonly reason?: string;
  /** The message that goes with the reason (scheduler or kubelet text). */
  readonly message?: string;
  readonly ready: number;
  readonly total: number;
  readonly restarts: number;
  readonly severity: Severity;
}

const ERROR_STATUSES = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
  'Evicted',
  'Unknown',
  'Failed',
  'ContainerStatusUnknown',
  'NodeLost',
  'DeadlineExceeded',
  'BackoffLimitExceeded',
]);
const PROGRESS_STATUSES = new Set([
  'Pending',
  'ContainerCreating',
  'PodInitializing',
  'Terminating',
  'SchedulingGated',
]);

/** The status of one init container, or undefined when it finished successfully. */
function initStatus(container: ContainerStatusLike, index: number, count: number): string | undefined {
  const terminated = container.state?.terminated;
  if (terminated && terminated.exitCode === 0) return undefined;
  if (terminated) {
    if (terminated.reason) return `Init:${terminated.reason}`;
    return terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
  }
  const waiting = container.state?.waiting?.reason;
  if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
  // A started restartable (sidecar) init container does not block the pod.
  if (container.started && container.state?.running) return undefined;
  return `Init:${index}/${count}`;
}

function condition(pod: PodLike, type: string) {
  return pod.status?.conditions?.find((item) => item.type === type);
}

function classify(status: string, ready: number, total: number): Severity {
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Running') return ready === total && total > 0 ? 'ok' : 'warn';
  if (status === 'NotReady') return 'warn';
  if (status.startsWith('Init:')) {
    const rest = status.slice(5);
    return /^\d+\/\d+$/.test(rest) || rest === 'PodInitializing' ? 'progress' : 'error';
  }
  if (ERROR_STATUSES.has(status) || status.startsWith('ExitCode:') || status.startsWith('Signal:')) return 'error';
  if (PROGRESS_STATUSES.has(status)) return 'progress';
  return 'warn';
}

/**
 * The pod's status as `kubectl get pods` prints it (and k9s shows it): init progress or failure,
 * the last container's waiting/terminated reason, Terminating/Unknown for deleted pods. Pending
 * pods also carry the scheduler's reason (Unschedulable…) so the screen can say why.
 */
export function computePodStatus(pod: PodLike): PodStatus {
  const spec = pod.spec ?? {};
  const podStatus = pod.status ?? {};
  const total = spec.containers?.length ?? podStatus.containerStatuses?.length ?? 0;
  let status = podStatus.reason || podStatus.phase || 'Unknown';
  let ready = 0;
  let restarts = 0;
  let initializing = false;

  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'SchedulingGated') status = 'SchedulingGated';

  const inits = podStatus.initContainerStatuses ?? [];
  const initCount = spec.initContainers?.length ?? inits.length;
  for (const [index, container] of inits.entries()) {
    restarts += container.restartCount ?? 0;
    const init = initStatus(container, index, initCount);
    if (init === undefined) continue;
    status = init;
    initializing = true;
    break;
  }

  if (!initializing || condition(pod, 'Initialized')?.status === 'True') {
    let hasRunning = false;
    // kubectl walks containers from last to first, so the first container's reason wins.
    for (const container of [...(podStatus.containerStatuses ?? [])].reverse()) {
      restarts += container.restartCount ?? 0;
      const state = container.state ?? {};
      if (state.waiting?.reason) status = state.waiting.reason;
      else if (state.terminated?.reason) status = state.terminated.reason;
      else if (state.terminated) {
        status = state.terminated.signal
          ? `Signal:${state.terminated.signal}`
          : `ExitCode:${state.terminated.exitCode ?? 0}`;
      } else if (container.ready && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (status === 'Completed' && hasRunning)
      status = condition(pod, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) status = podStatus.reason === 'NodeLost' ? 'Unknown' : 'Terminating';

  let reason: string | undefined;
  let message: string | undefined;
  if (status === 'Pending' && scheduled?.status === 'False') {
    reason = scheduled.reason;
    message = scheduled.message;
  } else if (status === 'Evicted' || status === 'Failed') {
    message = podStatus.message;
  } else {
    const failing = [...(podStatus.containerStatuses ?? []), ...inits].find(
      (container) => container.state?.waiting?.message,
    );
    message = failing?.state?.waiting?.message;
    // CrashLoopBackOff hides the real cause in the last termination (OOMKilled, Error, exit code).
    const last = (podStatus.containerStatuses ?? []).find((container) => container.lastState?.terminated)?.lastState
      ?.terminated;
    if (status === 'CrashLoopBackOff' && last) reason = last.reason ?? `ExitCode:${last.exitCode ?? 0}`;
  }
  let severity = classify(status, ready, total);
  if (status === 'Pending' && reason === 'Unschedulable') severity = 'error';
  return {
    status,
    ...(reason ? {reason} : {}),
    ...(message ? {message} : {}),
    ready,
    total,
    restarts,
    severity,
  };
}

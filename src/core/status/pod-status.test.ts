import {describe, expect, it} from 'vitest';
import type {ContainerStatusLike, PodLike} from './kube-types.js';
import {computePodStatus} from './pod-status.js';

const running = (ready = true, restartCount = 0): ContainerStatusLike => ({
  ready,
  restartCount,
  state: {running: {startedAt: '2026-01-01T00:00:00Z'}},
});
const waiting = (reason: string, message?: string, restartCount = 0): ContainerStatusLike => ({
  ready: false,
  restartCount,
  state: {waiting: {reason, ...(message ? {message} : {})}},
});
const terminated = (exitCode: number, reason?: string, signal?: number): ContainerStatusLike => ({
  ready: false,
  restartCount: 0,
  state: {terminated: {exitCode, ...(reason ? {reason} : {}), ...(signal ? {signal} : {})}},
});

function pod(options: {
  phase?: string;
  reason?: string;
  containers?: ContainerStatusLike[];
  inits?: ContainerStatusLike[];
  conditions?: {type: string; status: string; reason?: string; message?: string}[];
  deleting?: boolean;
  message?: string;
}): PodLike {
  const containers = options.containers ?? [];
  const inits = options.inits ?? [];
  return {
    metadata: {name: 'p', ...(options.deleting ? {deletionTimestamp: '2026-01-01T00:00:00Z'} : {})},
    spec: {
      containers: containers.map((_, i) => ({name: `c${i}`})),
      initContainers: inits.map((_, i) => ({name: `i${i}`})),
    },
    status: {
      phase: options.phase ?? 'Running',
      ...(options.reason ? {reason: options.reason} : {}),
      ...(options.message ? {message: options.message} : {}),
      containerStatuses: containers,
      initContainerStatuses: inits,
      conditions: options.conditions ?? [],
    },
  };
}

describe('computePodStatus (kubectl STATUS column)', () => {
  it.each([
    ['running and ready', pod({containers: [running()]}), 'Running', '1/1', 0, 'ok'],
    ['running, not ready (probe)', pod({containers: [running(false)]}), 'Running', '0/1', 0, 'warn'],
    ['two containers, one ready', pod({containers: [running(), running(false)]}), 'Running', '1/2', 0, 'warn'],
    [
      'crash loop with restarts',
      pod({containers: [waiting('CrashLoopBackOff', 'back-off 5m0s', 7)]}),
      'CrashLoopBackOff',
      '0/1',
      7,
      'error',
    ],
    [
      'image pull back-off',
      pod({phase: 'Pending', containers: [waiting('ImagePullBackOff', 'Back-off pulling image')]}),
      'ImagePullBackOff',
      '0/1',
      0,
      'error',
    ],
    [
      'image pull error',
      pod({phase: 'Pending', containers: [waiting('ErrImagePull')]}),
      'ErrImagePull',
      '0/1',
      0,
      'error',
    ],
    [
      'creating',
      pod({phase: 'Pending', containers: [waiting('ContainerCreating')]}),
      'ContainerCreating',
      '0/1',
      0,
      'progress',
    ],
    [
      'config error',
      pod({phase: 'Pending', containers: [waiting('CreateContainerConfigError', 'secret "x" not found')]}),
      'CreateContainerConfigError',
      '0/1',
      0,
      'error',
    ],
    [
      'completed job pod',
      pod({phase: 'Succeeded', containers: [terminated(0, 'Completed')]}),
      'Completed',
      '0/1',
      0,
      'done',
    ],
    ['failed job pod', pod({phase: 'Failed', containers: [terminated(1, 'Error')]}), 'Error', '0/1', 0, 'error'],
    ['OOM killed', pod({phase: 'Running', containers: [terminated(137, 'OOMKilled')]}), 'OOMKilled', '0/1', 0, 'error'],
    ['exit code without reason', pod({containers: [terminated(3)]}), 'ExitCode:3', '0/1', 0, 'error'],
    ['signal without reason', pod({containers: [terminated(0, undefined, 9)]}), 'Signal:9', '0/1', 0, 'error'],
    [
      'evicted',
      pod({phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.'}),
      'Evicted',
      '0/0',
      0,
      'error',
    ],
    ['terminating', pod({containers: [running()], deleting: true}), 'Terminating', '1/1', 0, 'progress'],
    ['node lost', pod({reason: 'NodeLost', containers: [running()], deleting: true}), 'Unknown', '1/1', 0, 'error'],
    [
      'init 0/2 running',
      pod({
        phase: 'Pending',
        inits: [running(false), waiting('PodInitializing')],
        containers: [waiting('PodInitializing')],
      }),
      'Init:0/2',
      '0/1',
      0,
      'progress',
    ],
    [
      'init 1/2 (first done)',
      pod({
        phase: 'Pending',
        inits: [terminated(0, 'Completed'), running(false)],
        containers: [waiting('PodInitializing')],
      }),
      'Init:1/2',
      '0/1',
      0,
      'progress',
    ],
    [
      'init crash loop',
      pod({
        phase: 'Pending',
        inits: [waiting('CrashLoopBackOff', undefined, 4)],
        containers: [waiting('PodInitializing')],
      }),
      'Init:CrashLoopBackOff',
      '0/1',
      4,
      'error',
    ],
    [
      'init failed with exit code',
      pod({phase: 'Pending', inits: [terminated(2)], containers: [waiting('PodInitializing')]}),
      'Init:ExitCode:2',
      '0/1',
      0,
      'error',
    ],
    ['unknown phase', pod({phase: 'Unknown'}), 'Unknown', '0/0', 0, 'error'],
  ])('%s → %s', (_name, input, status, ready, restarts, severity) => {
    const result = computePodStatus(input);
    expect(result.status).toBe(status);
    expect(`${result.ready}/${result.total}`).toBe(ready);
    expect(result.restarts).toBe(restarts);
    expect(result.severity).toBe(severity);
  });

  it('keeps the scheduler reason and message for Pending pods', () => {
    const result = computePodStatus(
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
          },
        ],
      }),
    );
    expect(result).toMatchObject({status: 'Pending', reason: 'Unschedulable', severity: 'error'});
    expect(result.message).toContain('unbound immediate PersistentVolumeClaims');
  });

  it('is SchedulingGated when a scheduling gate holds the pod', () => {
    const result = computePodStatus(
      pod({phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}),
    );
    expect(result.status).toBe('SchedulingGated');
  });

  it('shows the last termination reason behind a CrashLoopBackOff', () => {
    const crashing: ContainerStatusLike = {
      ...waiting('CrashLoopBackOff', 'back-off', 3),
      lastState: {terminated: {exitCode: 137, reason: 'OOMKilled'}},
    };
    expect(computePodStatus(pod({containers: [crashing]}))).toMatchObject({
      status: 'CrashLoopBackOff',
      reason: 'OOMKilled',
      restarts: 3,
    });
  });

  it('reports the first container when several fail (kubectl walks them last to first)', () => {
    const result = computePodStatus(pod({containers: [waiting('ImagePullBackOff'), waiting('CrashLoopBackOff')]}));
    expect(result.status).toBe('ImagePullBackOff');
  });

  it('reads Running/NotReady for a completed container next to a running one', () => {
    const ready = pod({
      containers: [terminated(0, 'Completed'), running()],
      conditions: [{type: 'Ready', status: 'True'}],
    });
    expect(computePodStatus(ready).status).toBe('Running');
    const notReady = pod({
      containers: [terminated(0, 'Completed'), running()],
      conditions: [{type: 'Ready', status: 'False'}],
    });
    expect(computePodStatus(notReady).status).toBe('NotReady');
  });
});

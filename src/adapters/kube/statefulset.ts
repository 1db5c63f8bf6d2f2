import {ExternalError} from '../../core/errors.js';
import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

/** `kubectl scale statefulset` and waiting for the result (pods gone, or Ready). */
type Conn = Pick<KubeConnection, 'apps' | 'core'>;

/** Sets spec.replicas through the scale subresource; returns the count it had. */
export async function scaleStatefulSet(
  conn: Conn,
  namespace: string,
  name: string,
  replicas: number,
  signal?: AbortSignal,
): Promise<number> {
  const command = `kubectl -n ${namespace} scale statefulset ${name} --replicas=${replicas}`;
  try {
    const scale = await conn.apps.readNamespacedStatefulSetScale({namespace, name}, callOptions(15_000, signal));
    const previous = scale.spec?.replicas ?? 0;
    if (previous !== replicas) {
      await conn.apps.replaceNamespacedStatefulSetScale(
        {namespace, name, body: {...scale, spec: {...scale.spec, replicas}}},
        callOptions(15_000, signal),
      );
    }
    return previous;
  } catch (error) {
    throw new ExternalError(`Cannot scale StatefulSet ${name} to ${replicas}: ${apiReason(error)}.`, {
      command,
      hint: 'Your kube user needs update on statefulsets/scale in this namespace.',
    });
  }
}

/**
 * Waits until the StatefulSet has `replicas` Ready pods, or (for 0) until its pods are gone.
 * `onTick` reports what it is waiting for between polls.
 */
export async function waitForStatefulSet(
  conn: Conn,
  namespace: string,
  name: string,
  options: {replicas: number; timeoutMs: number; signal?: AbortSignal; onTick?: (state: string) => void},
): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (options.signal?.aborted)
      throw new ExternalError('Stopped while waiting.', {command: `kubectl -n ${namespace} get statefulset ${name}`});
    let state = '';
    try {
      const set = await conn.apps.readNamespacedStatefulSet({namespace, name}, callOptions(15_000, options.signal));
      const labels = set.spec?.selector.matchLabels ?? {};
      const selector = Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      if (options.replicas === 0) {
        const pods = await conn.core.listNamespacedPod(
          {namespace, labelSelector: selector},
          callOptions(15_000, options.signal),
        );
        if (pods.items.length === 0) return;
        state = `${pods.items.length} pod(s) still there`;
      } else {
        const ready = set.status?.readyReplicas ?? 0;
        const updated = (set.status?.observedGeneration ?? 0) >= (set.metadata?.generation ?? 0);
        if (updated && ready >= options.replicas) return;
        state = `${ready}/${options.replicas} Ready`;
      }
    } catch (error) {
      state = apiReason(error);
    }
    if (Date.now() - started > options.timeoutMs) {
      throw new ExternalError(
        `StatefulSet ${name} did not reach ${options.replicas === 0 ? '0 pods' : `${options.replicas} Ready`} in ${Math.round(options.timeoutMs / 1000)} s (${state}).`,
        {command: `kubectl -n ${namespace} describe statefulset ${name}`},
      );
    }
    options.onTick?.(state);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

import {apiReason, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

export type JobOutcome =
  | {readonly state: 'succeeded'}
  | {readonly state: 'failed' | 'timeout'; readonly message: string};

/**
 * Waits for a Job to finish (Complete or Failed condition), polling every `intervalMs`. Used for
 * the backup taken before a risky upgrade; `onTick` reports progress between polls.
 */
export async function waitForJob(
  connection: KubeConnection,
  namespace: string,
  name: string,
  options: {timeoutMs: number; intervalMs?: number; signal?: AbortSignal; onTick?: (elapsedMs: number) => void},
): Promise<JobOutcome> {
  const started = Date.now();
  for (;;) {
    if (options.signal?.aborted) return {state: 'failed', message: 'stopped'};
    try {
      const job = await connection.batch.readNamespacedJob({namespace, name}, callOptions(10_000, options.signal));
      const conditions = job.status?.conditions ?? [];
      if (conditions.some((condition) => condition.type === 'Complete' && condition.status === 'True'))
        return {state: 'succeeded'};
      const failed = conditions.find((condition) => condition.type === 'Failed' && condition.status === 'True');
      if (failed) return {state: 'failed', message: failed.message ?? failed.reason ?? 'the Job failed'};
    } catch (error) {
      if (Date.now() - started > options.timeoutMs) return {state: 'failed', message: apiReason(error)};
    }
    const elapsed = Date.now() - started;
    if (elapsed > options.timeoutMs)
      return {state: 'timeout', message: `not finished after ${Math.round(options.timeoutMs / 1000)} s`};
    options.onTick?.(elapsed);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 2000));
  }
}

/**
 * vitest global setup of the e2e project: builds (or reuses) the tools, brings one cluster up for the
 * whole run, hands its info to the tests (inject('cluster'), read by harness.ts getCluster()) and
 * tears it down at the end. Teardown is guaranteed at three levels:
 *  1. the returned teardown, after all tests (passed or failed): shutdown request, then a check that no
 *     process or file of the cluster is left (it fails the run if there is);
 *  2. SIGINT/SIGTERM/exit handlers here: synchronous SIGKILL of the cluster's processes and removal of
 *     its work directory, for an interrupted run;
 *  3. the daemon's lifeline: it tears down by itself as soon as this process is gone, even after a
 *     SIGKILL that no handler sees; and the next run reaps anything a crash left behind.
 */
import {existsSync, rmSync} from 'node:fs';
import type {TestProject} from 'vitest/node';
import {ensureTools} from './ensure.js';
import type {ClusterInfo} from './info.js';
import {launchCluster, stopCluster, uniqueName} from './launch.js';
import {clusterProcesses, killGroup, reapStaleClusters} from './reaper.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}

const say = (line: string): void => void process.stderr.write(`[e2e cluster] ${line}\n`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  await ensureTools();
  for (const dir of reapStaleClusters()) say(`removed a test cluster left behind by a crashed run: ${dir}`);
  const {info} = await launchCluster({name: uniqueName('e2e'), lifeline: true, nodes: 1});
  say(
    `${info.name} up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${info.server} (work dir ${info.workdir})`,
  );
  project.provide('cluster', info);

  let down = false;
  const killNow = (): void => {
    if (down) return;
    down = true;
    killGroup(info.pgid, info.workdir);
    rmSync(info.workdir, {recursive: true, force: true});
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    say(`${signal}: tearing the cluster down`);
    killNow();
    // If nobody else handles the signal, re-raise it so the process ends as it would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killNow);

  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killNow);
    if (down) return;
    down = true;
    const ms = await stopCluster(info);
    const leftovers = clusterProcesses(info.workdir, info.pgid);
    if (leftovers.length > 0 || existsSync(info.workdir)) {
      killGroup(info.pgid, info.workdir);
      rmSync(info.workdir, {recursive: true, force: true});
      throw new Error(
        `cluster teardown left processes ${leftovers.join(', ')} or ${info.workdir} behind (cleaned up now)`,
      );
    }
    say(`${info.name} down in ${(ms / 1000).toFixed(1)} s`);
  };
}

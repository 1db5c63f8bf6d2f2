import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {median} from '../stats.js';
import type {BenchCluster, Identity} from './cluster.js';
import {deleteLoadPod, loadName, type PodTracker, restoreLoadPod} from './load.js';
import {auditMark, countRequests, cpuMs, type RequestCount, rssMb} from './proc.js';
import {Terminal} from './terminal.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'buntime-deploy.js');
export const COLUMNS = 120;
export const ROWS = 50;

export interface Tool {
  readonly name: 'ours' | 'k9s';
  readonly label: string;
  readonly command: string;
  readonly env: Record<string, string>;
  readonly identity: Identity;
  /**
   * Shown once the tool is in its steady state. Our screen draws the first page of pods before the
   * rest of the LIST is in and starts watching only after it; pod changes are timed from then on.
   * k9s draws nothing before its informer has synced, so its first frame is that state already.
   */
  readonly ready?: RegExp;
}

/** The live screen and k9s, each with its own identity (the audit log tells their requests apart). */
export function liveTools(options: {
  cluster: BenchCluster;
  namespace: string;
  ours: Identity;
  k9s: Identity;
  k9sPath: string;
  k9sVersion: string;
  /** Extra node flags for our screen (--cpu-prof …). */
  nodeFlags?: readonly string[];
}): {ours: Tool; k9s: Tool} {
  const home = (name: string): Record<string, string> => {
    const dir = join(options.cluster.dir, `home-${name}`);
    mkdirSync(join(dir, '.config', 'k9s'), {recursive: true});
    return {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      LANG: 'C.UTF-8',
      XDG_CONFIG_HOME: join(dir, '.config'),
      XDG_DATA_HOME: join(dir, '.local', 'share'),
      XDG_STATE_HOME: join(dir, '.local', 'state'),
      XDG_CACHE_HOME: join(dir, '.cache'),
    };
  };
  const k9sHome = home('k9s');
  // No network here: k9s's check for a newer release would only add a failing request.
  writeFileSync(join(k9sHome['XDG_CONFIG_HOME'] as string, 'k9s', 'config.yaml'), 'k9s:\n  skipLatestRevCheck: true\n');
  const flags = options.nodeFlags?.length ? `${options.nodeFlags.join(' ')} ` : '';
  return {
    ours: {
      name: 'ours',
      label: 'buntime-deploy status',
      command: `node ${flags}${BIN} status -n ${options.namespace}`,
      env: {...home('ours'), KUBECONFIG: options.ours.kubeconfig},
      identity: options.ours,
      ready: /● live/,
    },
    k9s: {
      name: 'k9s',
      label: `k9s ${options.k9sVersion}`,
      command: `${options.k9sPath} -n ${options.namespace} -c pods`,
      env: {...k9sHome, KUBECONFIG: options.k9s.kubeconfig},
      identity: options.k9s,
    },
  };
}

/** A line of the screen that shows `pod`, if any. */
const rowOf = (screen: string, pod: string): string | undefined =>
  screen.split('\n').find((line) => line.includes(pod));
const showsRunning = (pod: string) => (screen: string) => /\bRunning\b/.test(rowOf(screen, pod) ?? '');
const showsGoneOrStopping = (pod: string) => (screen: string) => !showsRunning(pod)(screen);

export interface LiveRun {
  readonly firstFrameMs: number;
  readonly changeMs: readonly number[];
  readonly rssMb: number;
}

/**
 * One run of one tool: start → first frame listing the load pods; then `changes` times the harness
 * deletes the first load pod and we time the frame that shows it stopping or gone (the pod is put
 * back between changes); RSS 10 s after the first frame.
 */
export async function liveRun(
  tool: Tool,
  tracker: PodTracker,
  cluster: BenchCluster,
  changes: number,
): Promise<LiveRun> {
  const pod = loadName(0);
  const terminal = new Terminal(tool.command, {columns: COLUMNS, rows: ROWS, env: tool.env});
  try {
    await terminal.open();
    const started = terminal.start();
    const framed = await terminal.waitFor(`${pod} Running`, showsRunning(pod), 120_000);
    const pid = terminal.pid();
    const firstAt = performance.now();
    const ready = tool.ready;
    if (ready) await terminal.waitFor(`${tool.name} live`, (screen) => ready.test(screen), 60_000);
    await sleep(2000);
    const changeMs: number[] = [];
    for (let index = 0; index < changes; index++) {
      const shown = terminal.waitFor(`${pod} stopping or gone`, showsGoneOrStopping(pod), 30_000);
      // Never an unhandled rejection if the delete below fails first.
      shown.catch(() => undefined);
      const at = performance.now();
      await deleteLoadPod(cluster.clients, tracker.namespace, pod);
      changeMs.push((await shown) - at);
      await restoreLoadPod(cluster.clients, tracker, pod);
      await terminal.waitFor(`${pod} Running again`, showsRunning(pod), 30_000);
    }
    await sleep(Math.max(0, 10_000 - (performance.now() - firstAt)));
    return {firstFrameMs: framed - started, changeMs, rssMb: rssMb(pid)};
  } finally {
    terminal.close();
  }
}

export interface IdleResult {
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly requests: RequestCount;
}

/**
 * Both tools started side by side and left alone: after they settled (10 s after their first
 * frames), CPU time over 30 s and API requests over 60 s. Idle programs barely compete, and the
 * audit log separates their requests by identity.
 */
export async function idleBoth(tools: readonly Tool[], cluster: BenchCluster): Promise<Map<string, IdleResult>> {
  const audit = cluster.info.auditLog as string;
  const pod = loadName(0);
  const terminals = tools.map((tool) => new Terminal(tool.command, {columns: COLUMNS, rows: ROWS, env: tool.env}));
  try {
    for (const terminal of terminals) await terminal.open();
    for (const terminal of terminals) terminal.start();
    await Promise.all(terminals.map((terminal) => terminal.waitFor(`${pod} Running`, showsRunning(pod), 120_000)));
    await sleep(10_000);
    const pids = terminals.map((terminal) => terminal.pid());
    const mark = auditMark(audit);
    const start = Date.now();
    const cpu0 = pids.map(cpuMs);
    const rss = pids.map(rssMb);
    await sleep(30_000);
    const cpu30 = pids.map(cpuMs);
    await sleep(30_000);
    const end = Date.now();
    // The audit log is written as requests finish; give the last ones a moment to land.
    await sleep(1000);
    const results = new Map<string, IdleResult>();
    tools.forEach((tool, index) => {
      results.set(tool.name, {
        cpuMs: (cpu30[index] as number) - (cpu0[index] as number),
        rssMb: rss[index] as number,
        requests: countRequests(audit, mark, tool.identity.user, start, end),
      });
    });
    return results;
  } finally {
    for (const terminal of terminals) terminal.close();
  }
}

export interface LiveComparison {
  readonly runs: Record<'ours' | 'k9s', LiveRun[]>;
  readonly idle: Map<string, IdleResult>;
}

/** `runs` interleaved runs of each tool (order alternating), after one warm-up each, then the idle window. */
export async function compareLive(
  tools: {ours: Tool; k9s: Tool},
  tracker: PodTracker,
  cluster: BenchCluster,
  options: {runs: number; changes: number; log: (line: string) => void},
): Promise<LiveComparison> {
  const runs: Record<'ours' | 'k9s', LiveRun[]> = {ours: [], k9s: []};
  for (const tool of [tools.ours, tools.k9s]) await liveRun(tool, tracker, cluster, 0);
  for (let index = 0; index < options.runs; index++) {
    const order = index % 2 === 0 ? [tools.ours, tools.k9s] : [tools.k9s, tools.ours];
    for (const tool of order) {
      let run: LiveRun;
      try {
        run = await liveRun(tool, tracker, cluster, options.changes);
      } catch (error) {
        // One failed run (a frame that never came) is reported and left out, not the whole bench.
        options.log(`  ${tool.name} run ${index + 1} failed: ${String(error).split('\n')[0]}`);
        await restoreLoadPod(cluster.clients, tracker, loadName(0)).catch(() => undefined);
        continue;
      }
      runs[tool.name].push(run);
      options.log(
        `  ${tool.name} run ${index + 1}: first frame ${Math.round(run.firstFrameMs)} ms, change ${run.changeMs.map(Math.round).join('/')} ms, RSS ${Math.round(run.rssMb)} MB`,
      );
    }
  }
  const idle = await idleBoth([tools.ours, tools.k9s], cluster);
  for (const [name, result] of idle)
    options.log(
      `  ${name} idle: CPU ${result.cpuMs} ms/30 s, ${result.requests.total} requests/60 s ${JSON.stringify(result.requests.byVerb)}`,
    );
  return {runs, idle};
}

export const medianOf = (values: readonly number[]): number => (values.length ? median(values) : Number.NaN);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

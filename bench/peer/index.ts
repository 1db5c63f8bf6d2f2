import {ensureK9s, startBenchCluster} from './cluster.js';
import {compareDeploy, compareStatusJson, type Pair} from './commands.js';
import {stopAll} from './cleanup.js';
import {compareLive, type LiveComparison, liveTools, medianOf} from './live.js';
import {PodTracker, scaleLoad} from './load.js';
import {profileLiveScreen} from './profile.js';
import type {PeerFigure} from './report.js';

export interface PeerOptions {
  /** Pods in the namespace, ascending (default 100, 1000, 5000). */
  readonly sizes: readonly number[];
  /** Interleaved runs of each live-screen measurement per size. */
  readonly liveRuns: number;
  /** Pod deletions timed per live run. */
  readonly changes: number;
  readonly statusRuns: number;
  readonly deployRuns: number;
  /** Also CPU-profile and heap-snapshot the live screen at the largest size. */
  readonly profile: boolean;
  /** Which sections run: deploy, live, status. */
  readonly sections: ReadonlySet<string>;
  readonly log: (line: string) => void;
}

export interface PeerResult {
  readonly figures: PeerFigure[];
  /** Profile summary (text), when asked for. */
  readonly profile?: string;
  readonly k9sVersion: string;
}

const NAMESPACE = 'bench-live';

/**
 * The peer section of `npm run bench`: on the project's test cluster (started here with an audit
 * log, stopped at the end or on Ctrl-C), the live screen against k9s, `status --json` against
 * kubectl + helm status, and install/upgrade against bare helm, each as medians of interleaved
 * runs and their ratio.
 */
export async function benchPeers(options: PeerOptions): Promise<PeerResult> {
  const {log} = options;
  const k9s = ensureK9s();
  const cluster = await startBenchCluster(log);
  const figures: PeerFigure[] = [];
  let profile: string | undefined;
  let tracker: PodTracker | undefined;
  /** A section that fails becomes a row saying so; the sections after it still run. */
  const section = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      const text = String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
      log(`${name} failed: ${text}`);
      figures.push({
        measure: name,
        peer: '',
        ours: Number.NaN,
        theirs: Number.NaN,
        unit: 'ms',
        detail: `failed: ${text}`,
      });
    }
  };
  try {
    const wants = (name: string): boolean => options.sections.has(name);
    if (wants('deploy'))
      await section('install/upgrade vs bare helm', async () => {
        log(`install/upgrade vs bare helm (${options.deployRuns} runs)`);
        const deploy = await compareDeploy(cluster, options.deployRuns);
        for (const kind of ['install', 'upgrade'] as const)
          log(
            `  ${kind}: ours ${deploy[kind].ours.map(Math.round).join('/')} ms, helm ${deploy[kind].peer.map(Math.round).join('/')} ms`,
          );
        for (const kind of ['install', 'upgrade'] as const)
          figures.push(
            ratioFigure(`\`${kind} --yes\` whole run vs bare \`helm upgrade --install --wait\``, deploy[kind], {
              peer: 'helm 3',
              unit: 's',
              target: 1.15,
            }),
          );
      });

    await cluster.clients.core.createNamespace({body: {metadata: {name: NAMESPACE}}});
    await installRelease(cluster);
    const pods = await PodTracker.start(cluster.clients, NAMESPACE);
    tracker = pods;
    const [ours, peer] = await Promise.all([cluster.identity('buntime-deploy'), cluster.identity('k9s')]);
    const tools = liveTools({
      cluster,
      namespace: NAMESPACE,
      ours,
      k9s: peer,
      k9sPath: k9s.path,
      k9sVersion: k9s.version,
    });
    let current = 0;
    for (const size of wants('live') || wants('status') || options.profile ? options.sizes : []) {
      const started = Date.now();
      await scaleLoad(cluster.clients, pods, current, size);
      current = size;
      log(`N = ${size}: ${size} load pods Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (wants('live'))
        await section(`live screen vs k9s, N = ${size}`, async () => {
          const live = await compareLive(tools, pods, cluster, {runs: options.liveRuns, changes: options.changes, log});
          figures.push(...liveFigures(size, live, k9s.version));
        });
      if (wants('status'))
        await section(`status --json vs kubectl + helm status, N = ${size}`, async () => {
          const status = await compareStatusJson(cluster, NAMESPACE, options.statusRuns);
          figures.push(
            ratioFigure(
              '`status --json` vs `kubectl get pods,statefulsets,cronjobs,jobs -o json` + `helm status`',
              status,
              {peer: 'kubectl + helm', unit: 'ms', pods: size, ...(size === 1000 ? {target: 1.5} : {})},
            ),
          );
          log(`  status --json ${Math.round(medianOf(status.ours))} ms vs ${Math.round(medianOf(status.peer))} ms`);
        });
    }
    if (options.profile) {
      log(`profiling the live screen at N = ${current}`);
      await section('live screen profile', async () => {
        profile = await profileLiveScreen(cluster, NAMESPACE, tools.ours);
        log(profile);
      });
    }
  } finally {
    tracker?.stop();
    stopAll();
    await cluster.stop().catch(() => undefined);
  }
  return {figures, k9sVersion: k9s.version, ...(profile ? {profile} : {})};
}

async function installRelease(cluster: Awaited<ReturnType<typeof startBenchCluster>>): Promise<void> {
  const {execFileSync} = await import('node:child_process');
  const {join} = await import('node:path');
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(
    cluster.info.helm3,
    [
      'upgrade',
      '--install',
      'buntime',
      join(root, 'charts', 'buntime'),
      '-n',
      NAMESPACE,
      '--set',
      'ingress.tls.enabled=false',
      '--wait',
      '--timeout',
      '2m',
    ],
    {env: {...process.env, ...cluster.env}, stdio: 'ignore'},
  );
}

function ratioFigure(
  measure: string,
  pair: Pair,
  options: {peer: string; unit: PeerFigure['unit']; target?: number; pods?: number},
): PeerFigure {
  const ours = medianOf(pair.ours);
  const theirs = medianOf(pair.peer);
  return {
    measure,
    peer: options.peer,
    ours,
    theirs,
    unit: options.unit,
    ratio: ours / theirs,
    ...(options.pods !== undefined ? {pods: options.pods} : {}),
    ...(options.target !== undefined ? {target: options.target} : {}),
    detail: `median of ${pair.ours.length} interleaved runs`,
  };
}

function liveFigures(size: number, live: LiveComparison, version: string): PeerFigure[] {
  const peer = `k9s ${version}`;
  const large = size >= 1000;
  const of = (tool: 'ours' | 'k9s', pick: (run: LiveComparison['runs']['ours'][number]) => number[]): number =>
    medianOf(live.runs[tool].flatMap(pick));
  const row = (
    measure: string,
    ours: number,
    theirs: number,
    unit: PeerFigure['unit'],
    target: number | undefined,
    detail: string,
  ): PeerFigure => ({
    measure,
    pods: size,
    peer,
    ours,
    theirs,
    unit,
    ratio: ours / theirs,
    ...(target !== undefined ? {target} : {}),
    detail,
  });
  const runs = live.runs.ours.length;
  const idleOurs = live.idle.get('ours');
  const idlePeer = live.idle.get('k9s');
  const figures = [
    row(
      'Live screen: start → first frame listing pods',
      of('ours', (run) => [run.firstFrameMs]),
      of('k9s', (run) => [run.firstFrameMs]),
      'ms',
      large ? 0.5 : undefined,
      `median of ${runs} interleaved runs, tmux ${120}×${50}`,
    ),
    row(
      'Live screen: pod deleted → frame showing it',
      of('ours', (run) => [...run.changeMs]),
      of('k9s', (run) => [...run.changeMs]),
      'ms',
      large ? 0.5 : undefined,
      `median of ${live.runs.ours.reduce((sum, run) => sum + run.changeMs.length, 0)} deletions`,
    ),
    row(
      'Live screen: RSS 10 s after the first frame',
      of('ours', (run) => [run.rssMb]),
      of('k9s', (run) => [run.rssMb]),
      'MB',
      size >= 5000 ? 0.5 : undefined,
      `median of ${runs} runs`,
    ),
  ];
  if (idleOurs && idlePeer) {
    figures.push(
      row(
        'Live screen: CPU time over 30 s idle',
        idleOurs.cpuMs,
        idlePeer.cpuMs,
        'ms',
        size >= 5000 ? 0.1 : undefined,
        'both running side by side, settled 10 s; /proc utime+stime',
      ),
    );
    const lists = idleOurs.requests.byVerb['list'] ?? 0;
    const verbs = (counts: Readonly<Record<string, number>>): string =>
      Object.entries(counts)
        .map(([verb, count]) => `${count} ${verb}`)
        .join(', ') || 'none';
    figures.push({
      measure: 'Live screen: API requests over 60 s idle',
      pods: size,
      peer,
      ours: idleOurs.requests.total,
      theirs: idlePeer.requests.total,
      unit: 'requests',
      met: lists === 0 && idleOurs.requests.total <= idlePeer.requests.total,
      targetText: 'no periodic LIST, ≤ k9s',
      detail: `ours: ${verbs(idleOurs.requests.byVerb)}; k9s: ${verbs(idlePeer.requests.byVerb)} (audit log)`,
    });
  }
  return figures;
}

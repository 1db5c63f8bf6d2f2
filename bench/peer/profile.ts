import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {bundlePlugins, requireBanner} from '../../scripts/bundle-plugins.mjs';
import type {BenchCluster} from './cluster.js';
import {COLUMNS, ROWS, type Tool} from './live.js';
import {loadName} from './load.js';
import {cpuMs, rssMb} from './proc.js';
import {Terminal} from './terminal.js';

interface CpuProfile {
  readonly nodes: Array<{
    id: number;
    callFrame: {functionName: string; url: string; lineNumber: number};
  }>;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** Self time (ms) per function over the samples taken from `fromUs` to `toUs` into the profile. */
export function topFunctions(profile: CpuProfile, fromUs: number, toUs: number, count = 12): string[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  let at = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    const frame = frames.get(id);
    if (!frame) return;
    const where = frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [
    `total sampled ${(total / 1000).toFixed(0)} ms`,
    ...rows.map(([key, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`),
  ];
}

/** Self size per constructor in a V8 heap snapshot, largest first. */
export function heapSummary(file: string, count = 12): string[] {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: {meta: {node_fields: string[]; node_types: [string[]]}};
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.snapshot.meta.node_types[0];
  const bySize = new Map<string, {size: number; count: number}>();
  let total = 0;
  for (let index = 0; index < snapshot.nodes.length; index += width) {
    const type = types[snapshot.nodes[index + typeAt] as number] ?? '';
    const name =
      type === 'object' || type === 'closure'
        ? snapshot.strings[snapshot.nodes[index + nameAt] as number]
        : `(${type})`;
    const size = snapshot.nodes[index + sizeAt] as number;
    total += size;
    const entry = bySize.get(name ?? '?') ?? {size: 0, count: 0};
    entry.size += size;
    entry.count++;
    bySize.set(name ?? '?', entry);
  }
  const rows = [...bySize.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, count);
  return [
    `heap ${(total / 1024 / 1024).toFixed(1)} MB in the snapshot`,
    ...rows.map(
      ([name, entry]) =>
        `${(entry.size / 1024 / 1024).toFixed(1).padStart(7)} MB  ${String(entry.count).padStart(8)}×  ${name}`,
    ),
  ];
}

/**
 * Our live screen alone, under `node --cpu-prof` with a heap snapshot on SIGUSR2: where the time
 * goes from start to the first frame, and over 30 s idle; what the heap holds after settling.
 */
export async function profileLiveScreen(cluster: BenchCluster, namespace: string, tool: Tool): Promise<string> {
  const dir = join(cluster.dir, 'profile');
  mkdirSync(dir, {recursive: true});
  const bundle = await unminifiedBundle();
  const flags = `--cpu-prof --cpu-prof-dir=${dir} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`;
  const command = tool.command.replace(/^node \S+/, `node ${flags} ${bundle}`);
  const terminal = new Terminal(command, {columns: COLUMNS, rows: ROWS, env: tool.env, cwd: dir});
  const pod = loadName(0);
  const lines: string[] = [];
  try {
    await terminal.open();
    const started = terminal.start();
    const framed = await terminal.waitFor(pod, (screen) => screen.includes(pod), 120_000);
    const pid = terminal.pid();
    await sleep(10_000);
    const rss = rssMb(pid);
    process.kill(pid, 'SIGUSR2');
    const snapshot = await waitForFile(dir, '.heapsnapshot');
    await sleep(5000);
    const idleFrom = performance.now();
    const cpu0 = cpuMs(pid);
    await sleep(30_000);
    const idleCpu = cpuMs(pid) - cpu0;
    const idleTo = performance.now();
    terminal.keys('q');
    await terminal.waitExit();
    const profileFile = await waitForFile(dir, '.cpuprofile');
    const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
    lines.push(
      `Live screen profile (node --cpu-prof, N pods in ${namespace}): first frame ${Math.round(framed - started)} ms, RSS ${Math.round(rss)} MB, idle CPU ${idleCpu} ms over 30 s`,
      '',
      'Start → first frame, self time by function:',
      ...topFunctions(profile, 0, (framed - started) * 1000),
      '',
      '30 s idle, self time by function:',
      ...topFunctions(profile, (idleFrom - started) * 1000, (idleTo - started) * 1000),
      '',
      `Heap snapshot after settling (${snapshot}):`,
      ...heapSummary(snapshot),
    );
  } finally {
    terminal.close();
  }
  return lines.join('\n');
}

/**
 * The shipped bundle built again without minifying (same plugins and defines), so the profile names
 * our functions. Written under .bench/ in the package, where package-root finds charts/ as usual.
 */
export async function unminifiedBundle(): Promise<string> {
  const root = join(import.meta.dirname, '..', '..');
  const outfile = join(root, '.bench', 'buntime-deploy.unminified.js');
  await build({
    entryPoints: [join(root, 'src', 'entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    minify: false,
    legalComments: 'none',
    plugins: bundlePlugins,
    banner: {js: requireBanner},
    define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
    logLevel: 'warning',
  });
  return outfile;
}

async function waitForFile(dir: string, suffix: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = existsSync(dir) ? readdirSync(dir).find((name) => name.endsWith(suffix)) : undefined;
    // A heap snapshot is written in place: wait until its size stops changing.
    if (found) {
      const file = join(dir, found);
      const size = readFileSync(file).length;
      await sleep(500);
      if (readFileSync(file).length === size && size > 0) return file;
    } else if (Date.now() > deadline) throw new Error(`no ${suffix} in ${dir}`);
    else await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

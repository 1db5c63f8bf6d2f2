import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {median} from './stats.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'buntime-deploy.js');

/** hyperfine's median for each command (-N: no shell), in ms. */
export function hyperfineMedians(commands: readonly string[], runs = 30): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hf-'));
  const out = join(dir, 'out.json');
  try {
    execFileSync('hyperfine', ['-N', '--warmup', '5', '--runs', String(runs), '--export-json', out, ...commands], {
      stdio: 'ignore',
    });
    const parsed = JSON.parse(execFileSync('cat', [out], {encoding: 'utf8'})) as {results: Array<{median: number}>};
    return parsed.results.map((result) => result.median * 1000);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/**
 * Milliseconds from spawning `command` inside a pseudo-terminal (util-linux `script`) until its
 * output matches `marker` — or until it exits when no marker is given. The same pty harness times
 * the baseline, so the pty's own cost cancels out of the ratio.
 */
export function timeInPty(command: string, marker: RegExp | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already exited.
      }
      if (error) reject(error);
      else resolve(elapsed);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (marker?.test(output.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ''))) finish();
    });
    child.on('exit', () =>
      marker ? finish(new Error(`exited before the first frame; output:\n${output}`)) : finish(),
    );
    setTimeout(() => finish(new Error(`no first frame within 10 s; output:\n${output}`)), 10_000);
  });
}

/**
 * Medians of `runs` alternating measurements of a baseline and a command in the same pty harness.
 * Alternating keeps a busy machine from favouring one side; the first runs only warm the caches.
 */
export async function ptyPair(
  baseline: {command: string; marker?: RegExp},
  subject: {command: string; marker?: RegExp},
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<{baselineMs: number; subjectMs: number}> {
  const base: number[] = [];
  const sub: number[] = [];
  for (let index = 0; index < runs + 3; index++) {
    const a = await timeInPty(baseline.command, baseline.marker, env);
    const b = await timeInPty(subject.command, subject.marker, env);
    if (index >= 3) {
      base.push(a);
      sub.push(b);
    }
  }
  return {baselineMs: median(base), subjectMs: median(sub)};
}

/** An environment with no cluster: the first frame must not wait for one anyway. */
export function offlineEnv(): {env: NodeJS.ProcessEnv; cleanup(): void} {
  const home = mkdtempSync(join(tmpdir(), 'bench-home-'));
  writeFileSync(join(home, '.placeholder'), '');
  return {
    env: {PATH: process.env['PATH'], HOME: home, TERM: 'xterm-256color', KUBECONFIG: join(home, 'missing-kubeconfig')},
    cleanup: () => rmSync(home, {recursive: true, force: true}),
  };
}

export const CLI = `node ${BIN}`;

import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'exec', 'abort-missing.ts');

/**
 * Runs the fixture beside a sentinel in a new process group (sh leads it): the sentinel prints
 * TERM if anything signals the whole group.
 */
function inOwnGroup(when: string): Promise<string> {
  const script = [
    "( trap 'echo TERM; exit 0' TERM; while :; do sleep 0.1; done ) &",
    'sentinel=$!',
    `node --import tsx "${FIXTURE}" ${when}`,
    'sleep 0.3',
    'kill -9 "$sentinel" 2>/dev/null',
  ].join('\n');
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], {cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('close', () => resolve(out));
  });
}

describe('execResult cancelled around a program that is not installed', () => {
  it.each([
    ['before it starts', 'before', 'cancelled=true'],
    [
      'while Node has not yet reported the failed start',
      'window',
      "error=Cannot run '/nonexistent/buntime-test-helm': not found",
    ],
  ])(
    '%s: the run gets its answer and nothing else in the process group is signalled',
    async (_name, when, answer) => {
      const out = await inOwnGroup(when);
      expect(out).not.toContain('TERM');
      expect(out).toContain(answer);
    },
    20_000,
  );
});

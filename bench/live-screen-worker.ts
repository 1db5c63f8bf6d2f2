import {PassThrough, Writable} from 'node:stream';
import {render} from 'ink';
import {createElement} from 'react';
import {StatusApp, type StatusActions} from '../src/ui/status/StatusApp.js';
import {FIXTURE_NOW, fixturePod, fixtureStore} from '../test/helpers/status-fixtures.js';

// Runs inside a production bundle (built by live-screen.ts, like dist/) so the figures are the
// shipped React/Ink's, and RSS is this process alone. Prints one JSON line.
const SAMPLES = 80;
/** Longer than Ink's 30 fps render throttle, so every update gets its own frame. */
const GAP_MS = 40;

const noActions: StatusActions = {
  resync: () => undefined,
  backupNow: async () => '',
  createNamespace: async () => undefined,
  setLocked: async () => undefined,
  logs: async () => '',
};

const store = fixtureStore({runtimePods: 998, namespaces: 300, objects: 5000, clock: () => FIXTURE_NOW});
let onWrite: (() => void) | undefined;
const stdout = Object.assign(
  new Writable({
    write(_chunk, _encoding, callback) {
      onWrite?.();
      callback();
    },
  }),
  {isTTY: true, columns: 120, rows: 50},
);
const stdin = Object.assign(new PassThrough(), {isTTY: false});
const instance = render(createElement(StatusApp, {store, actions: noActions, tickMs: 0}), {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  exitOnCtrlC: false,
  patchConsole: false,
});
await new Promise((resolve) => setTimeout(resolve, 300));
const samples: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  const framed = new Promise<void>((resolve) => (onWrite = resolve));
  const start = performance.now();
  // Every update changes what a row shows (the store ignores updates that change nothing visible):
  // the first 20 samples make pods crash, the next 20 bring them back, and so on.
  store.upsertPod(fixturePod(`buntime-${i % 20}`, 'runtime', Math.floor(i / 20) % 2 === 0 ? 'crash' : 'ready'));
  await Promise.race([
    framed,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no frame for update ${i}`)), 5000)),
  ]);
  samples.push(performance.now() - start);
}
onWrite = undefined;
const rss = process.memoryUsage().rss;
instance.unmount();
process.stdout.write(`${JSON.stringify({samples, rss})}\n`);

import {main} from './cli.js';

// The bundle's entry: wire the real process into main() and translate signals. The first Ctrl-C
// or SIGTERM aborts the run (helm gets SIGTERM: it marks the release failed and rolls back, and the
// release state is reported). A later one exits at once — unless something holds the interrupts
// (helm is still rolling back): then it says what it is waiting for and does not kill helm.
const controller = new AbortController();
let interrupts = 0;
const holds: Array<() => void> = [];
const onSignal = (): void => {
  interrupts++;
  if (interrupts === 1) {
    controller.abort(new Error('interrupted'));
    return;
  }
  const hold = holds[holds.length - 1];
  if (hold) hold();
  else process.exit(130);
};
const holdInterrupts = (onRepeat: () => void): (() => void) => {
  holds.push(onRepeat);
  return () => {
    const index = holds.lastIndexOf(onRepeat);
    if (index !== -1) holds.splice(index, 1);
  };
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// CI='' means "not CI" to us (context.isCi) but "CI" to Ink's is-in-ci, which would then print only
// the last frame of every screen. Make them agree before Ink is imported.
for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
  if (process.env[name] === '') delete process.env[name];
}

// Plain output when asked, before anything that reads FORCE_COLOR (chalk) can load.
if (process.argv.includes('--no-color') || (process.env['NO_COLOR'] ?? '') !== '' || process.env['TERM'] === 'dumb') {
  process.env['FORCE_COLOR'] = '0';
}

process.exitCode = await main(
  process.argv.slice(2),
  {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  },
  {signal: controller.signal, holdInterrupts},
);
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
// After an interrupt, nothing left over (a read from a FIFO nobody writes to) may keep us alive.
if (interrupts > 0) process.exit(process.exitCode);

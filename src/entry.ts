import {main} from './cli.js';

// The bundle's entry: wire the real process into main() and translate signals. The first Ctrl-C
// aborts the run (helm is killed and the release state reported); a second one exits at once.
const controller = new AbortController();
let interrupts = 0;
const onSignal = (): void => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  controller.abort(new Error('interrupted'));
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
  {signal: controller.signal},
);
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);

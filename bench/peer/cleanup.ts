/**
 * Everything the peer bench starts (tmux servers with k9s or the live screen in them, helper
 * processes) registers a synchronous stop here, run on normal exit, on an error, and on Ctrl-C /
 * SIGTERM. The cluster needs none: its daemon holds a lifeline pipe to this process and tears
 * itself down when we are gone, however we went.
 */
const stops = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const stop of [...stops]) {
    stops.delete(stop);
    try {
      stop();
    } catch {
      // Keep stopping the rest.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping what it started\n`);
      runAll();
      process.exit(130);
    });
  }
}

/** Registers `stop`; returns a function that unregisters it (after the thing was stopped normally). */
export function track(stop: () => void): () => void {
  install();
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Stops everything registered (between sections, and in the bench's finally). */
export function stopAll(): void {
  runAll();
}

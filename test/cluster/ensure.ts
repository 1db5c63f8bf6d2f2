import {spawn, spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cacheDir, toolPaths} from './tools.js';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), 'build.sh');

/** Message for a machine without Go: what to install, never a silent skip. */
export const GO_MISSING = [
  'The e2e tests need a real Kubernetes control plane, helm 3/4, kwok and MinIO, built once from Go modules',
  `into ${cacheDir()} (about 10-15 minutes the first time), but 'go' is not on PATH.`,
  "Install Go >= 1.26 (https://go.dev/dl/ or your distribution's golang package) with access to a Go",
  'module proxy, then run `npm run cluster -- build` or `npm test` again.',
].join('\n');

/** True when every tool is in the cache with a matching .complete stamp. */
export function toolsBuilt(): boolean {
  return spawnSync('bash', [BUILD, 'check'], {stdio: 'ignore'}).status === 0;
}

function goAvailable(): boolean {
  return spawnSync('go', ['version'], {stdio: 'ignore'}).status === 0;
}

/**
 * Builds whatever is missing from the tool cache (build.sh, streaming its progress to `output`)
 * and returns the tool paths. Throws with install instructions when Go is needed but missing.
 */
export async function ensureTools(
  output: NodeJS.WritableStream = process.stderr,
): Promise<ReturnType<typeof toolPaths>> {
  if (toolsBuilt()) return toolPaths();
  if (!goAvailable()) throw new Error(GO_MISSING);
  output.write(`Building the test cluster tools into ${cacheDir()} (cold: about 10-15 minutes)...\n`);
  const recent: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', [BUILD, 'all'], {stdio: ['ignore', 'pipe', 'pipe']});
    // Only build.sh's own progress lines: `go: downloading ...` would bury them. The rest is kept
    // for the error message.
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('[cluster build')) output.write(`${line}\n`);
        else if (line.trim()) recent.push(line);
      }
      recent.splice(0, Math.max(0, recent.length - 30));
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.once('exit', resolve);
    child.once('error', () => resolve(null));
  });
  if (code === 3) throw new Error(GO_MISSING);
  if (code !== 0) {
    throw new Error(
      `Building the test cluster tools failed (exit ${code}):\n${recent.join('\n')}\nRun 'npm run cluster -- build' to see the whole output.`,
    );
  }
  return toolPaths();
}

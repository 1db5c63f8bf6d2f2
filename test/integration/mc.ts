import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {cacheDir} from '../cluster/tools.js';

/** The MinIO client the turso-backup image ships (sh + curl + jq + mc), pinned like the other tools. */
export const MC_VERSION = 'v0.0.0-20250313080218-cf909e1063a9';

function stamped(dir: string): boolean {
  const stamp = join(dir, '.complete');
  if (!existsSync(stamp) || !existsSync(join(dir, 'mc'))) return false;
  const digest = createHash('sha256')
    .update(readFileSync(join(dir, 'mc')))
    .digest('hex');
  return readFileSync(stamp, 'utf8').startsWith(digest);
}

/**
 * Path of a real `mc` binary, built from its Go module on first use and cached next to helm and
 * MinIO (<cache>/mc-<version>/, trusted only with a matching .complete stamp). Needs Go.
 */
export function ensureMc(): string {
  const dir = join(cacheDir(), `mc-${MC_VERSION}`);
  if (stamped(dir)) return join(dir, 'mc');
  mkdirSync(cacheDir(), {recursive: true});
  const tmp = mkdtempSync(join(cacheDir(), `.mc-${MC_VERSION}.`));
  try {
    execFileSync('go', ['install', '-trimpath', '-ldflags', '-s -w', `github.com/minio/mc@${MC_VERSION}`], {
      cwd: tmp,
      env: {...process.env, GOBIN: tmp, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-mod=mod'},
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const digest = createHash('sha256')
      .update(readFileSync(join(tmp, 'mc')))
      .digest('hex');
    writeFileSync(join(tmp, '.complete'), `${digest}  mc\n`);
    rmSync(dir, {recursive: true, force: true});
    renameSync(tmp, dir);
  } catch (error) {
    rmSync(tmp, {recursive: true, force: true});
    const stderr = (error as {stderr?: Buffer}).stderr?.toString().trim().split('\n').slice(-5).join('\n') ?? '';
    throw new Error(
      `Building mc ${MC_VERSION} from Go modules failed (is Go >= 1.26 on PATH?)\n${stderr || String(error)}`,
    );
  }
  return join(dir, 'mc');
}

import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, symlinkSync} from 'node:fs';
import {basename, join} from 'node:path';
import {TURSODB} from '../turso-double/tursodb.js';

/**
 * PATH directories holding only the commands an image has, so a chart script run on this machine
 * cannot lean on a tool its image lacks:
 *  - the turso-backup image (alpine 3.21): BusyBox's sh and utilities, plus curl, jq and mc;
 *  - the turso-server image (debian:bookworm-slim plus tursodb): the essential packages' commands
 *    (bash, dash, coreutils, sed, grep, mawk, findutils, …) and tursodb; no curl, jq or sqlite3.
 */
function link(dir: string, name: string, target: string): void {
  const path = join(dir, name);
  if (!existsSync(path)) symlinkSync(target, path);
}

function which(command: string): string {
  return execFileSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'}).trim();
}

export function backupImagePath(dir: string, mc: string): string {
  execFileSync('bash', [join(import.meta.dirname, '../../scripts/ensure-debian-tools.sh'), 'busybox', 'jq', 'curl'], {
    stdio: 'inherit',
  });
  const bin = join(dir, 'backup-image-bin');
  mkdirSync(bin, {recursive: true});
  const busybox = which('busybox');
  for (const applet of execFileSync(busybox, ['--list'], {encoding: 'utf8'}).split('\n').filter(Boolean)) {
    link(bin, applet, busybox);
  }
  link(bin, 'curl', which('curl'));
  link(bin, 'jq', which('jq'));
  link(bin, 'mc', mc);
  return bin;
}

/** Packages debian:bookworm-slim installs whose commands a script may use. */
const SLIM_PACKAGES = [
  'bash',
  'dash',
  'coreutils',
  'sed',
  'grep',
  'mawk',
  'findutils',
  'diffutils',
  'util-linux',
  'debianutils',
  'tar',
  'gzip',
];

export function tursoServerImagePath(dir: string): string {
  const bin = join(dir, 'turso-server-image-bin');
  mkdirSync(bin, {recursive: true});
  const files = execFileSync('dpkg', ['-L', ...SLIM_PACKAGES], {encoding: 'utf8'}).split('\n');
  for (const file of files) {
    if (!/^\/(usr\/)?s?bin\/[^/]+$/.test(file) || !existsSync(file)) continue;
    link(bin, basename(file), file);
  }
  // Debian's alternatives: awk is mawk in the slim image.
  link(bin, 'awk', which('mawk'));
  link(bin, 'tursodb', TURSODB);
  return bin;
}

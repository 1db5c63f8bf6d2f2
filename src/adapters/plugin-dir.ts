import {createHash} from 'node:crypto';
import {lstat, readdir, readFile, stat} from 'node:fs/promises';
import {join, relative, resolve, sep} from 'node:path';
import {UserError} from '../core/errors.js';
import {parsePluginManifest, type LocalPlugin} from '../core/operate/plugins.js';
import type {TarEntry} from '../core/operate/tar.js';

/** Names that travel safely through tar and sha256sum output: no control characters, no backslash. */
const SAFE = /^[^\u0000-\u001f\u007f\\]+$/;

/**
 * Reads a plugin folder for `plugins push`: every regular file (content, mode, sha256) and folder,
 * the manifest parsed. Symlinks and special files are listed as refused, never followed.
 */
export async function readPluginDir(
  dir: string,
  cwd: string,
): Promise<{plugin: LocalPlugin; entries: TarEntry[]; bytes: number}> {
  const root = resolve(cwd, dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UserError(`${dir} is not a folder.`, {
      hint: 'Give the plugin folder (the one holding manifest.yaml and dist/).',
    });
  const entries: TarEntry[] = [];
  const files: Array<{path: string; size: number; sha256: string}> = [];
  const refused: string[] = [];
  let bytes = 0;
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, {withFileTypes: true})).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (!SAFE.test(rel)) {
        refused.push(rel);
        continue;
      }
      const meta = await lstat(path);
      const mtime = Math.floor(meta.mtimeMs / 1000);
      if (meta.isDirectory()) {
        entries.push({path: rel, type: 'dir', mode: 0o755, mtime});
        await walk(path);
      } else if (meta.isFile()) {
        const data = await readFile(path);
        bytes += data.length;
        // Keep the executable bit, drop everything else (no setuid, no world-writable).
        entries.push({path: rel, type: 'file', mode: meta.mode & 0o111 ? 0o755 : 0o644, data, mtime});
        files.push({path: rel, size: data.length, sha256: createHash('sha256').update(data).digest('hex')});
      } else {
        refused.push(rel);
      }
    }
  };
  await walk(root);
  const manifestFile = files.find((file) => file.path === 'manifest.yaml');
  const manifest = manifestFile
    ? parsePluginManifest(await readFile(join(root, 'manifest.yaml'), 'utf8'), `${dir}/manifest.yaml`)
    : `${dir} has no manifest.yaml.`;
  return {plugin: {dir, manifest, files, refused}, entries, bytes};
}

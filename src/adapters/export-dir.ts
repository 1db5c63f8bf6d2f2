/** The filesystem side of `export`: where DIR sits in git, and writing DIR (files, chart, archive). */
import {mkdir, rename, rm, stat} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import {copyChart} from './applied-files.js';
import {type FileToWrite, writeFilesAtomic} from './files.js';
import {helmPackage} from './helm/package.js';

/** The work tree that holds `dir` (the nearest parent with a .git entry), or undefined. */
export async function gitRootOf(dir: string): Promise<string | undefined> {
  let at = resolve(dir);
  for (;;) {
    if (
      await stat(join(at, '.git')).then(
        () => true,
        () => false,
      )
    )
      return at;
    const parent = dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}

/** `dir` relative to its git work tree ('' when it is the root), or undefined outside git. */
export async function pathInRepository(dir: string): Promise<string | undefined> {
  const root = await gitRootOf(dir);
  return root === undefined ? undefined : relative(root, resolve(dir)).split('\\').join('/');
}

export interface ExportWrite {
  readonly dir: string;
  readonly files: readonly FileToWrite[];
  /** Copy this chart directory to DIR/<target>. */
  readonly chart?: {readonly from: string; readonly target: string};
  /** Package this chart (helm package) into DIR under `name`. */
  readonly archive?: {readonly from: string; readonly name: string; readonly helm: string};
  /** Written outside DIR, mode 0600. */
  readonly secrets?: FileToWrite;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

/** Writes an export: DIR's files together (atomically), then the chart copy or archive, then the 0600 file. */
export async function writeExport(write: ExportWrite): Promise<void> {
  await mkdir(write.dir, {recursive: true});
  if (write.chart) await copyChart(write.chart.from, join(write.dir, write.chart.target), {replace: true});
  if (write.archive) {
    const scratch = join(write.dir, `.chart-${process.pid}.tmp`);
    try {
      const made = await helmPackage({
        helm: write.archive.helm,
        chartDir: write.archive.from,
        destination: scratch,
        ...(write.env ? {env: write.env} : {}),
        ...(write.signal ? {signal: write.signal} : {}),
      });
      await rename(made, join(write.dir, write.archive.name));
    } finally {
      await rm(scratch, {recursive: true, force: true});
    }
  }
  await writeFilesAtomic([...write.files, ...(write.secrets ? [{...write.secrets, mode: 0o600}] : [])]);
}

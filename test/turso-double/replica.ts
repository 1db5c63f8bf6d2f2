import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {connect, type Database} from '@tursodatabase/sync';

/**
 * Real `@tursodatabase/sync` 0.6.0 clients standing in for runtime pods: each has its own local
 * replica file (what a pod keeps in /data/turso) and talks to a namespace through the data port
 * (`<dataUrl>/<namespace>`, as plugin-turso builds it).
 */
export interface Replica {
  readonly db: Database;
  /** The replica's main file; the client keeps side files with the same prefix. */
  readonly path: string;
  /** Rows of a query, as objects. */
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  exec(sql: string): Promise<void>;
  push(): Promise<void>;
  pull(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** e.g. `${double.dataUrl}/api-keys` */
  readonly url: string;
  readonly authToken?: string;
  /** Directory for the replica files (default: a new temporary one, removed by close()). */
  readonly dir?: string;
  /** File name inside `dir` (default replica.db); reusing it reopens the same replica. */
  readonly file?: string;
  readonly clientName?: string;
}

export async function openReplica(options: ReplicaOptions): Promise<Replica> {
  const own = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'turso-replica-'));
  const path = join(dir, options.file ?? 'replica.db');
  let db: Database;
  try {
    db = await connect({
      path,
      url: options.url,
      ...(options.authToken ? {authToken: options.authToken} : {}),
      clientName: options.clientName ?? 'runtime-pod',
    });
  } catch (error) {
    if (own) rmSync(dir, {recursive: true, force: true});
    throw error;
  }
  return {
    db,
    path,
    all: async <T>(sql: string) => (await (await db.prepare(sql)).all()) as T[],
    exec: (sql) => db.exec(sql),
    push: () => db.push(),
    pull: () => db.pull(),
    async close() {
      await db.close();
      if (own) rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** Deletes a replica's files (the sync-state reset: the next open bootstraps afresh). */
export function removeReplicaFiles(path: string): void {
  const dir = join(path, '..');
  const base = path.slice(dir.length + 1);
  for (const file of readdirSync(dir)) if (file.startsWith(base)) rmSync(join(dir, file), {force: true});
}

/**
 * Writes rows into `table (k TEXT PRIMARY KEY, v TEXT)` of a namespace the way a runtime pod
 * does: a sync client creates the table if needed, inserts, pushes, and closes.
 */
export async function writeRows(
  options: ReplicaOptions & {readonly table?: string},
  rows: readonly (readonly [string, string])[],
): Promise<void> {
  const table = options.table ?? 'kv';
  const replica = await openReplica(options);
  try {
    await replica.exec(`CREATE TABLE IF NOT EXISTS ${table} (k TEXT PRIMARY KEY, v TEXT)`);
    for (const [k, v] of rows) {
      await replica.exec(`INSERT INTO ${table} VALUES ('${k.replace(/'/g, "''")}', '${v.replace(/'/g, "''")}')`);
    }
    await replica.push();
  } finally {
    await replica.close();
  }
}

import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/**
 * `<dataDir>/_state/namespaces.json` as turso-server keeps it (facts §6.3): `{version: 1,
 * namespaces: [...]}`, written atomically (tmp + rename) with 2-space indentation, in Go map order
 * (random), without port or pid. A missing file is an empty store; an unparsable one fails startup.
 */
export type Origin = 'auto' | 'explicit';

export interface NamespaceRecord {
  name: string;
  origin: Origin;
  createdAt: string;
  lastAccessAt: string;
  locked: boolean;
  ttl?: string;
  /** Runtime only (never written): the port of the last spawn, kept after the process dies. */
  port?: number;
}

/** Fisher–Yates: the order a Go map range gives, different on every call. */
export function goMapOrder<T>(items: Iterable<T>): T[] {
  const list = [...items];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

export class StateStore {
  readonly path: string;
  readonly records = new Map<string, NamespaceRecord>();

  constructor(dataDir: string) {
    const dir = join(dataDir, '_state');
    mkdirSync(dir, {recursive: true});
    this.path = join(dir, 'namespaces.json');
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`read state file: ${(error as Error).message}`);
    }
    let parsed: {namespaces?: NamespaceRecord[] | null};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (error) {
      throw new Error(`parse state file: ${(error as Error).message}`);
    }
    for (const record of parsed.namespaces ?? []) {
      if (!record.name) continue;
      const {port: _port, ...stored} = record;
      this.records.set(record.name, stored);
    }
  }

  list(): NamespaceRecord[] {
    return goMapOrder(this.records.values());
  }

  flush(): void {
    const namespaces = this.list().map(({port: _port, ...record}) => record);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({version: 1, namespaces}, null, 2));
    renameSync(tmp, this.path);
  }
}

/** One object of the backup bucket. */
export interface BackupObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
}

const KEY_STAMP = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/;

/** The UTC time in a `<ns>-YYYYMMDDTHHMMSSZ.db` key, or undefined. */
export function keyTimestamp(key: string): number | undefined {
  const match = KEY_STAMP.exec(key);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * The backup job's snapshots in the bucket, `<ns>/<ns>-<YYYYMMDDTHHMMSSZ>.db` (facts §1.11), per
 * namespace and newest first; and the `--at` timestamps that pick one of them.
 */
export interface Snapshot {
  readonly namespace: string;
  readonly key: string;
  /** When it was taken (UTC ms, from the key). */
  readonly at: number;
  readonly size: number;
}

/** Namespace → its snapshots, newest first; keys outside the layout are ignored. */
export function snapshotsByNamespace(objects: readonly BackupObject[]): Map<string, Snapshot[]> {
  const byNamespace = new Map<string, Snapshot[]>();
  for (const object of objects) {
    const slash = object.key.indexOf('/');
    if (slash <= 0) continue;
    const namespace = object.key.slice(0, slash);
    const name = object.key.slice(slash + 1);
    const at = keyTimestamp(object.key);
    if (!name.startsWith(`${namespace}-`) || name.includes('/') || at === undefined) continue;
    if (name.length !== namespace.length + '-YYYYMMDDTHHMMSSZ.db'.length) continue;
    const list = byNamespace.get(namespace) ?? [];
    list.push({namespace, key: object.key, at, size: object.size});
    byNamespace.set(namespace, list);
  }
  // The stamp is fixed-width UTC, so keys sort by time (the job's retention relies on it too).
  for (const list of byNamespace.values()) list.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return byNamespace;
}

/** `20260102T030405Z`, the stamp in keys, for a UTC time. */
export function formatStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an `--at` value: a key stamp (20260102T030405Z), an RFC 3339 time, or a date (the end of
 * that UTC day, so `--at 2026-01-02` means "the last snapshot of that day"). UTC ms or undefined.
 */
export function parseAt(text: string): number | undefined {
  const stamp = STAMP.exec(text);
  if (stamp) {
    const [, y, mo, d, h, mi, s] = stamp.map(Number) as number[];
    const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
    return formatStamp(ms) === text ? ms : undefined;
  }
  const iso = ISO.exec(text);
  if (!iso) return undefined;
  if (iso[4] === undefined) {
    const ms = Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T23:59:59Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (iso[7] === undefined) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The newest snapshot taken at or before `at` (the newest of all without it). */
export function pickSnapshot(snapshots: readonly Snapshot[], at?: number): Snapshot | undefined {
  return snapshots.find((snapshot) => at === undefined || snapshot.at <= at);
}

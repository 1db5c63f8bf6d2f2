/**
 * The backup script's result (charts/buntime/files/turso-backup.sh): the last line of the Job's log,
 * `turso-backup-result: {json}`, and the same object at `<bucket>/_results/turso-backup.json`.
 * Parsed defensively: it comes from a bucket anyone with the keys can write.
 */
export const BACKUP_RESULT_KEY = '_results/turso-backup.json';
export const BACKUP_RESULT_PREFIX = 'turso-backup-result: ';

export interface NamespaceRun {
  readonly name: string;
  readonly status: 'ok' | 'failed';
  /** When this run finished the namespace (UTC ms). */
  readonly at?: number;
  readonly key?: string;
  readonly bytes?: number;
  readonly error?: string;
  readonly lastFailure?: {readonly at?: number; readonly error: string};
  readonly lastSuccess?: {readonly at?: number; readonly key?: string};
}

export interface BackupRun {
  /** The run's timestamp as in its keys (YYYYMMDDTHHMMSSZ). */
  readonly timestamp?: string;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly ok: boolean;
  /** A failure of the whole run (listing, bucket), not of one namespace. */
  readonly error?: string;
  readonly namespaces: readonly NamespaceRun[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const time = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
};
const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function namespaceRun(value: unknown): NamespaceRun | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  const name = text(item['name']);
  const status = item['status'];
  if (!name || !NAME.test(name) || (status !== 'ok' && status !== 'failed')) return undefined;
  const failure = item['lastFailure'] as Record<string, unknown> | undefined;
  const success = item['lastSuccess'] as Record<string, unknown> | undefined;
  const at = time(item['at']);
  const key = text(item['key']);
  const error = text(item['error']);
  const failureError = typeof failure === 'object' && failure ? text(failure['error']) : undefined;
  const failureAt = typeof failure === 'object' && failure ? time(failure['at']) : undefined;
  const successAt = typeof success === 'object' && success ? time(success['at']) : undefined;
  const successKey = typeof success === 'object' && success ? text(success['key']) : undefined;
  return {
    name,
    status,
    ...(at !== undefined ? {at} : {}),
    ...(key ? {key} : {}),
    ...(typeof item['bytes'] === 'number' ? {bytes: item['bytes']} : {}),
    ...(error ? {error} : {}),
    ...(failureError ? {lastFailure: {...(failureAt !== undefined ? {at: failureAt} : {}), error: failureError}} : {}),
    ...(success && (successAt !== undefined || successKey)
      ? {lastSuccess: {...(successAt !== undefined ? {at: successAt} : {}), ...(successKey ? {key: successKey} : {})}}
      : {}),
  };
}

/** The result object, or undefined when `json` is not one. */
export function parseBackupRun(json: string): BackupRun | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const body = value as Record<string, unknown>;
  if (typeof body['ok'] !== 'boolean') return undefined;
  const namespaces = Array.isArray(body['namespaces'])
    ? body['namespaces'].flatMap((item) => {
        const parsed = namespaceRun(item);
        return parsed ? [parsed] : [];
      })
    : [];
  const timestamp = text(body['timestamp']);
  const startedAt = time(body['startedAt']);
  const finishedAt = time(body['finishedAt']);
  const error = text(body['error']);
  return {
    ok: body['ok'],
    namespaces,
    ...(timestamp ? {timestamp} : {}),
    ...(startedAt !== undefined ? {startedAt} : {}),
    ...(finishedAt !== undefined ? {finishedAt} : {}),
    ...(error ? {error} : {}),
  };
}

/** The result line of a backup Job's log (its last one), or undefined. */
export function backupRunFromLog(log: string): BackupRun | undefined {
  const line = log
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith(BACKUP_RESULT_PREFIX));
  return line ? parseBackupRun(line.slice(BACKUP_RESULT_PREFIX.length)) : undefined;
}

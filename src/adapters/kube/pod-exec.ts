import {type PassThrough, Readable, Writable} from 'node:stream';
import {ExternalError} from '../../core/errors.js';
import type {KubeConnection} from './client.js';

export interface ExecOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a command could be run by hand (`kubectl exec`), for messages. */
export function kubectlExec(namespace: string, pod: string, container: string, command: readonly string[]): string {
  const quoted = command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`));
  return `kubectl -n ${namespace} exec ${pod} -c ${container} -- ${quoted.join(' ')}`;
}

const CHUNK = 32 * 1024;

/**
 * Runs `command` in a container through the API server's exec (a websocket, as `kubectl exec`),
 * feeding `stdin` when given and collecting stdout/stderr. Resolves with the exit code the kubelet
 * reports; throws ExternalError only when the exec cannot be started or does not end in time.
 */
export async function podExec(
  conn: Pick<KubeConnection, 'k8s' | 'kc'>,
  target: {readonly namespace: string; readonly pod: string; readonly container: string},
  command: readonly string[],
  options: {readonly stdin?: Uint8Array; readonly timeoutMs?: number; readonly signal?: AbortSignal} = {},
): Promise<ExecOutcome> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (chunks: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
  const stdout = sink(out);
  const stderr = sink(err);
  // Small frames: one websocket message per chunk, as kubectl sends them.
  const input = options.stdin
    ? Readable.from(
        Array.from({length: Math.ceil(options.stdin.length / CHUNK)}, (_, index) =>
          Buffer.from(options.stdin?.subarray(index * CHUNK, (index + 1) * CHUNK) ?? []),
        ),
      )
    : null;
  const exec = new conn.k8s.Exec(conn.kc);
  const what = kubectlExec(target.namespace, target.pod, target.container, command);
  let socket: {close(): void; on?(event: string, listener: () => void): void} | undefined;
  return new Promise<ExecOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: ExecOutcome | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket?.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = (): void => finish(new ExternalError('Stopped while a command ran in the pod.', {command: what}));
    options.signal?.addEventListener('abort', onAbort, {once: true});
    const timer = setTimeout(
      () =>
        finish(
          new ExternalError(`No answer from the pod within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s.`, {
            command: what,
          }),
        ),
      options.timeoutMs ?? 120_000,
    );
    const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
    exec
      .exec(
        target.namespace,
        target.pod,
        target.container,
        [...command],
        stdout,
        stderr,
        input ?? (null as unknown as PassThrough),
        false,
        (status) => {
          const causes = status.details?.causes ?? [];
          const code = causes.find((cause) => cause.reason === 'ExitCode')?.message;
          const exitCode = status.status === 'Success' ? 0 : code !== undefined ? Number(code) : 1;
          // Let the last output frames land before reading them.
          setImmediate(() =>
            finish({
              exitCode,
              stdout: text(out),
              stderr: text(err) || (exitCode !== 0 && code === undefined ? (status.message ?? '') : ''),
            }),
          );
        },
      )
      .then(
        (ws) => {
          socket = ws as unknown as typeof socket;
          (ws as unknown as {on(event: string, listener: () => void): void}).on('close', () =>
            setImmediate(() =>
              finish(
                new ExternalError('The exec connection closed before the command reported its exit code.', {
                  command: what,
                  stderr: text(err),
                }),
              ),
            ),
          );
        },
        (error: unknown) =>
          finish(
            new ExternalError(
              `Could not exec into pod ${target.pod}: ${error instanceof Error ? error.message : String(error)}.`,
              {
                command: what,
                hint: 'Your kube user needs create on pods/exec in this namespace.',
              },
            ),
          ),
      );
  });
}

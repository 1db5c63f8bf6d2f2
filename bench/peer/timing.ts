import {spawn} from 'node:child_process';

/** A command as the bench runs it: argv and environment, no shell. */
export interface Command {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/**
 * Wall time (ms) of one run of `command`, output discarded (read, so a full pipe never slows it).
 * Throws with the end of stderr when it exits non-zero, unless `okCodes` allows the code.
 */
export function timeCommand(command: Command, okCodes: readonly number[] = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command.argv[0] as string, command.argv.slice(1), {
      env: {...command.env},
      cwd: command.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const elapsed = performance.now() - started;
      if (okCodes.includes(code ?? -1)) resolve(elapsed);
      else reject(new Error(`${command.argv.join(' ')} exited ${code}:\n${stderr}`));
    });
  });
}

/** Several commands one after the other, as one figure (kubectl get … then helm status). */
export async function timeSequence(commands: readonly Command[]): Promise<number> {
  let total = 0;
  for (const command of commands) total += await timeCommand(command);
  return total;
}

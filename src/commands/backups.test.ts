import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {captureIo} from '../../test/helpers/io.js';
import {main} from '../cli.js';

// Bad input is refused (exit 2, naming the flag or argument) before anything talks to a cluster:
// KUBECONFIG points nowhere, so reaching the cluster would fail differently.
const dir = mkdtempSync(join(tmpdir(), 'backups-cmd-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function run(args: string[]): Promise<{code: number; err: string}> {
  const io = captureIo({env: {KUBECONFIG: join(dir, 'missing'), HOME: dir}});
  const code = await main(args, io);
  return {code, err: io.err()};
}

describe('backups and restore arguments', () => {
  it.each([
    [['backups'], "'buntime-deploy backups' expects 1 to 2 argument(s)"],
    [['backups', 'show'], "Unknown backups subcommand 'show'"],
    [['backups', 'list', 'Bad_NS'], "'Bad_NS' is not a turso-server namespace name"],
    [['backups', 'list', '-o', 'x.db'], "'backups list' takes no -o"],
    [['backups', 'download'], "'backups download' needs one namespace"],
    [['backups', 'download', 'api-keys'], "'backups download' needs -o FILE"],
    [['backups', 'download', 'api-keys', '-o', 'x.db', '--at', 'yesterday'], "--at 'yesterday' is not a time"],
    [['backups', 'list', '--s3-endpoint', 'minio:9000'], "--s3-endpoint 'minio:9000' is not an http(s) URL"],
    [['restore', '--yes', '--dry-run'], '--yes and --dry-run contradict each other'],
    [['restore', 'api-keys', 'NOPE'], "'NOPE' is not a turso-server namespace name"],
    [['restore', '--offline', 'api-keys'], "'restore --offline' takes a namespace and a snapshot file"],
    [['restore', '--offline', 'api-keys', 'f.db', '--yes'], "'restore --offline' takes no --yes"],
    [['restore', '--at', '2026-13-01'], "--at '2026-13-01' is not a time"],
  ])('%j → exit 2', async (args, message) => {
    const {code, err} = await run(args);
    expect(err).toContain(message);
    expect(code).toBe(2);
  });

  it('restore --offline checks the file before it looks at the cluster', async () => {
    const file = join(dir, 'not-sqlite.db');
    writeFileSync(file, '<html>nope</html>');
    const {code, err} = await run(['restore', '--offline', 'api-keys', file]);
    expect(err).toContain('is not a usable snapshot: not a SQLite database (17 bytes, no SQLite header)');
    expect(code).toBe(2);
    const missing = await run(['restore', '--offline', 'api-keys', join(dir, 'none.db')]);
    expect(missing.err).toContain('Cannot read');
  });

  it('without --yes or --dry-run and no terminal, restore refuses after the plan (no cluster here: exit 2 first)', async () => {
    const {code, err} = await run(['restore']);
    expect(err).toContain('No Kubernetes cluster configured');
    expect(code).toBe(2);
  });
});

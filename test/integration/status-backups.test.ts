import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listBackupObjects} from '../../src/adapters/backup-objects.js';
import {buildModel} from '../../src/core/status/model.js';
import {StatusStore} from '../../src/core/status/store.js';
import {type MinioServer, startMinio} from '../helpers/minio.js';
import {writeRows} from '../turso-double/replica.js';
import {startTursoDouble, type TursoDouble} from '../turso-double/server.js';

// The backups pane's data path against a real MinIO: objects laid out as the backup job writes
// them (real snapshots the double's tursodb made), summarised per namespace.
describe('backups pane data from a real MinIO', () => {
  let minio: MinioServer;
  let double: TursoDouble;
  beforeAll(async () => {
    [minio, double] = await Promise.all([
      startMinio({bucket: 'turso-backups'}),
      startTursoDouble({namespaces: [{name: 'api-keys'}, {name: 'runtime'}]}),
    ]);
    // A runtime pod's sync client writes the row the snapshots then hold.
    await writeRows({url: `${double.dataUrl}/api-keys`}, [['k', 'v']]);
  });
  afterAll(async () => {
    await minio?.stop();
    await double?.close();
  });

  async function snapshot(name: string): Promise<Uint8Array> {
    return new Uint8Array(await (await fetch(`${double.adminUrl}/v1/namespaces/${name}/backup`)).arrayBuffer());
  }

  it('counts snapshots per namespace against the retention, with the newest age and size', async () => {
    const apiKeys = await snapshot('api-keys');
    for (let day = 1; day <= 16; day++) {
      await minio.client.putObject(
        minio.bucket,
        `api-keys/api-keys-202607${String(day).padStart(2, '0')}T020000Z.db`,
        apiKeys,
      );
    }
    await minio.client.putObject(minio.bucket, 'runtime/runtime-20260716T020000Z.db', await snapshot('runtime'));
    // A failed admin call under `set -eu` without pipefail uploads an empty object (facts §1.11 b).
    await minio.client.putObject(minio.bucket, 'runtime/runtime-20260717T020000Z.db', new Uint8Array());
    await minio.client.putObject(minio.bucket, 'README.txt', 'not a snapshot');

    const store = new StatusStore(
      {context: 'c', namespace: 'n', release: 'buntime', fullname: 'buntime'},
      {tursoEnabled: true},
    );
    store.setSource('kube', {state: 'live'});
    store.replacePods([
      {
        metadata: {name: 'buntime-0', labels: {'app.kubernetes.io/component': 'runtime'}},
        spec: {containers: [{name: 'c'}]},
        status: {phase: 'Running', containerStatuses: [{ready: true, state: {running: {}}}]},
      },
      {
        metadata: {name: 'buntime-turso-0', labels: {'app.kubernetes.io/component': 'turso-server'}},
        spec: {containers: [{name: 'c'}]},
        status: {phase: 'Running', containerStatuses: [{ready: true, state: {running: {}}}]},
      },
    ]);
    store.setBackupSettings({bucket: minio.bucket, endpoint: minio.endpoint, retentionCount: 14});
    store.setNamespaces([
      {name: 'api-keys', origin: 'explicit', locked: true},
      {name: 'runtime', origin: 'auto', locked: false},
    ]);
    store.setObjects(await listBackupObjects(minio.client, minio.bucket));
    const model = buildModel(store.state, Date.parse('2026-07-17T12:00:00Z'));

    expect(model.backups.perNamespace).toEqual([
      {
        namespace: 'api-keys',
        count: 16,
        newestKey: 'api-keys/api-keys-20260716T020000Z.db',
        newestAt: Date.parse('2026-07-16T02:00:00Z'),
        newestSize: apiKeys.length,
        overRetention: true,
        newestEmpty: false,
      },
      {
        namespace: 'runtime',
        count: 2,
        newestKey: 'runtime/runtime-20260717T020000Z.db',
        newestAt: Date.parse('2026-07-17T02:00:00Z'),
        newestSize: 0,
        overRetention: false,
        newestEmpty: true,
      },
    ]);
    expect(model.health.reasons).toEqual([
      'backups of api-keys: 16 kept, retention is 14',
      'backups of runtime: newest snapshot is empty (0 bytes)',
    ]);
    // The stored objects really are SQLite files.
    const stored = await minio.client.getObject(minio.bucket, 'api-keys/api-keys-20260701T020000Z.db');
    expect(Buffer.from(stored.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
  });
});

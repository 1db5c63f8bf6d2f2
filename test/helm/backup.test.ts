import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {BACKUP, CHART, HELMS, TURSO, only, render} from './render.js';

describe.each(HELMS)('$name', (helm) => {
  it('renders the backup CronJob: schedule, Forbid, UTC, the script and every setting it needs', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    const cronjob = only(docs, 'CronJob', 'buntime-turso-backup');
    expect(cronjob['spec']).toMatchObject({schedule: '30 3 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid'});
    const pod = cronjob['spec'].jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const container = pod.containers[0];
    expect(container.command).toEqual(['/bin/sh', '/scripts/backup.sh']);
    const env = Object.fromEntries(container.env.map((e: {name: string; value?: string}) => [e.name, e.value]));
    expect(env).toMatchObject({
      ADMIN_URL: 'http://buntime-turso-admin:8081',
      S3_ENDPOINT: 'http://minio.minio.svc.cluster.local:9000',
      S3_BUCKET: 'turso-backups',
      S3_REGION: 'eu-west-1',
      S3_PATH_STYLE: 'false',
      RETENTION_COUNT: '7',
    });
    const script = only(docs, 'ConfigMap', 'buntime-turso-backup')['data']['backup.sh'];
    expect(script).toBe(readFileSync(join(CHART, 'files/turso-backup.sh'), 'utf8'));
    // The restore Job mounts the same ConfigMap.
    const restore = only(docs, 'ConfigMap', 'buntime-turso-backup')['data']['restore.sh'];
    expect(restore).toBe(readFileSync(join(CHART, 'files/turso-restore.sh'), 'utf8'));
    expect(pod.volumes).toEqual([
      {name: 'script', configMap: {name: 'buntime-turso-backup'}},
      {name: 'work', emptyDir: {}},
    ]);
  });

  it('defaults to a daily 02:00 UTC run keeping 14 snapshots per namespace', async () => {
    const {docs} = await render(helm, {values: {tursoServer: {...TURSO, backup: BACKUP}}});
    const cronjob = only(docs, 'CronJob', 'buntime-turso-backup');
    expect(cronjob['spec'].schedule).toBe('0 2 * * *');
    const env = Object.fromEntries(
      cronjob['spec'].jobTemplate.spec.template.spec.containers[0].env.map((e: {name: string; value?: string}) => [
        e.name,
        e.value,
      ]),
    );
    expect(env).toMatchObject({RETENTION_COUNT: '14', S3_REGION: 'us-east-1', S3_PATH_STYLE: 'true'});
  });

  it('keeps retentionCount 0 (keep every snapshot) instead of falling back to 14', async () => {
    const {docs} = await render(helm, {
      values: {tursoServer: {...TURSO, backup: {...BACKUP, retentionCount: 0}}},
    });
    const env = only(docs, 'CronJob', 'buntime-turso-backup')['spec'].jobTemplate.spec.template.spec.containers[0].env;
    expect(env.find((e: {name: string}) => e.name === 'RETENTION_COUNT').value).toBe('0');
  });
});

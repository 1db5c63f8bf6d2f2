import {describe, expect, it} from 'vitest';
import {BACKUP, HELMS, MULTI_POD, TURSO, render, renderError} from './render.js';

/** Every object name, with the limit Kubernetes applies to it. */
function names(docs: Awaited<ReturnType<typeof render>>['docs']): Array<{kind: string; name: string; limit: number}> {
  return docs.map((doc) => {
    const kind = String(doc.object['kind']);
    const name = String((doc.object['metadata'] as {name: string}).name);
    // StatefulSet: controller-revision-hash label is <name>-<10 chars>; CronJob: Job <name>-<8 digits>.
    const limit = kind === 'StatefulSet' || kind === 'CronJob' ? 52 : 63;
    return {kind, name, limit};
  });
}

const EVERYTHING = {
  ...MULTI_POD,
  tursoServer: {...TURSO, backup: BACKUP},
  ingress: {host: 'buntime.example.com', tls: {enabled: true}},
  route: {enabled: true},
  autoscaling: {enabled: true},
  podDisruptionBudget: {enabled: true},
  buntime: {...MULTI_POD.buntime, rootKey: 'x'},
} as const;

describe.each(HELMS)('$name', (helm) => {
  it('fails a 53-character release name with a message naming the release, the object and the limit', async () => {
    const release = `r${'x'.repeat(52)}`;
    expect(release).toHaveLength(53);
    const error = await renderError(helm, {release});
    expect(error).toContain(`[names.length] release "${release}"`);
    expect(error).toMatch(
      /the runtime StatefulSet name ".*-buntime" is 61 characters, over the Kubernetes limit of 52/,
    );
    expect(error).toMatch(/set fullnameOverride to at most 52 characters/);
  });

  it('fails a name that only the backup CronJob cannot fit, and only when backups are on', async () => {
    const release = `buntime-${'y'.repeat(33)}`; // 41 characters: fits everything but <fullname>-turso-backup (54 > 52)
    expect((await render(helm, {release, values: {tursoServer: TURSO}})).docs.length).toBeGreaterThan(0);
    const error = await renderError(helm, {release, values: EVERYTHING});
    expect(error).toMatch(
      /the backup CronJob name "buntime-y+-turso-backup" is 54 characters, over the Kubernetes limit of 52.*at most 39 characters/,
    );
  });

  it('keeps every name within its limit for the longest release name that fits everything', async () => {
    const release = `buntime-${'z'.repeat(31)}`; // 39 characters
    const {docs} = await render(helm, {release, values: EVERYTHING});
    const all = names(docs);
    expect(all.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['StatefulSet', 'CronJob', 'Service', 'Ingress', 'Route', 'NetworkPolicy']),
    );
    for (const {kind, name, limit} of all) expect(name.length, `${kind}/${name}`).toBeLessThanOrEqual(limit);
  });

  it('uses fullnameOverride for every derived name', async () => {
    const {docs} = await render(helm, {
      release: `a-very-long-release-name-${'q'.repeat(20)}`,
      values: {...EVERYTHING, fullnameOverride: 'bt'},
    });
    expect(names(docs).map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'bt',
        'bt-headless',
        'bt-turso',
        'bt-turso-admin',
        'bt-turso-backup',
        'bt-plugins',
        'bt-apps',
      ]),
    );
  });

  it('names objects <release>-buntime when the release name does not contain the chart name', async () => {
    const {docs} = await render(helm, {release: 'prod', values: {tursoServer: TURSO}});
    expect(names(docs).map((n) => n.name)).toEqual(
      expect.arrayContaining(['prod-buntime', 'prod-buntime-turso', 'prod-buntime-turso-admin']),
    );
  });
});

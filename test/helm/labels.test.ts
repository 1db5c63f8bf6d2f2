import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {chartVersion} from '../../src/core/chart-release.js';
import {CHART, HELMS, objects, render} from './render.js';

const VERSION = chartVersion(readFileSync(join(CHART, 'Chart.yaml'), 'utf8'));

type Labels = Record<string, string>;
const matches = (selector: Labels, labels: Labels): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(HELMS)('$name', (helm) => {
  it('labels every object with the standard labels and a component', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync'], values: {buntime: {rootKey: 'x'}}});
    for (const doc of docs) {
      const labels = (doc.object['metadata'] as {labels: Labels}).labels;
      const id = `${doc.object['kind']}/${(doc.object['metadata'] as {name: string}).name}`;
      expect(labels, id).toMatchObject({
        'app.kubernetes.io/name': 'buntime',
        'app.kubernetes.io/instance': 'buntime',
        'app.kubernetes.io/version': '1.4.0',
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': `buntime-${VERSION}`,
      });
      expect(['runtime', 'turso-server', 'turso-backup'], id).toContain(labels['app.kubernetes.io/component']);
    }
  });

  it('gives runtime, turso-server and backup pods selectors that never overlap', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    const pods: Array<{group: string; labels: Labels}> = [
      ...objects(docs, 'StatefulSet').map((s) => ({
        group: s['spec'].template.metadata.labels['app.kubernetes.io/component'],
        labels: s['spec'].template.metadata.labels,
      })),
      ...objects(docs, 'CronJob').map((c) => ({
        group: 'turso-backup',
        labels: c['spec'].jobTemplate.spec.template.metadata.labels,
      })),
    ];
    expect(pods.map((p) => p.group).sort()).toEqual(['runtime', 'turso-backup', 'turso-server']);
    const selectors: Array<{owner: string; group: string; selector: Labels}> = [
      ...objects(docs, 'StatefulSet').map((s) => ({
        owner: `StatefulSet/${s['metadata'].name}`,
        group: s['metadata'].labels['app.kubernetes.io/component'],
        selector: s['spec'].selector.matchLabels,
      })),
      ...objects(docs, 'Service').map((s) => ({
        owner: `Service/${s['metadata'].name}`,
        group: s['metadata'].labels['app.kubernetes.io/component'],
        selector: s['spec'].selector,
      })),
      ...objects(docs, 'PodDisruptionBudget').map((p) => ({
        owner: 'PDB',
        group: 'runtime',
        selector: p['spec'].selector.matchLabels,
      })),
    ];
    for (const {owner, group, selector} of selectors) {
      for (const pod of pods)
        expect(matches(selector, pod.labels), `${owner} selects ${pod.group} pods`).toBe(pod.group === group);
    }
  });

  it('keeps the chart version out of pod templates, so a chart bump alone restarts nothing', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    for (const sts of objects(docs, 'StatefulSet'))
      expect(sts['spec'].template.metadata.labels).not.toHaveProperty('helm.sh/chart');
  });
});

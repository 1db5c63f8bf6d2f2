import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CHART, HELMS, type Helm, only, render} from './render.js';

// `helm template` never prints NOTES.txt and helm 3 cannot dry-run an install without a cluster, so
// a copy of the chart renders the very same NOTES.txt text through `tpl` into a ConfigMap.
let chartDir: string;
beforeAll(() => {
  chartDir = mkdtempSync(join(tmpdir(), 'buntime-notes-'));
  cpSync(CHART, chartDir, {recursive: true});
  writeFileSync(join(chartDir, 'notes.copy.txt'), readFileSync(join(CHART, 'templates/NOTES.txt')));
  writeFileSync(
    join(chartDir, 'templates/zz-notes.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rendered-notes\ndata:\n  notes: {{ tpl (.Files.Get "notes.copy.txt") . | quote }}\n',
  );
});
afterAll(() => rmSync(chartDir, {recursive: true, force: true}));

async function notes(
  helm: Helm,
  values: Record<string, unknown> = {},
  fixtures: Array<'multi-pod-sync' | 'openshift' | 'k3s'> = [],
): Promise<string> {
  const {docs} = await render(helm, {chartDir, values, fixtures});
  return only(docs, 'ConfigMap', 'rendered-notes')['data'].notes;
}

describe.each(HELMS)('$name NOTES.txt', (helm) => {
  it('explains NodePort access, a missing root key and the status command by default', async () => {
    const text = await notes(helm);
    expect(text).toContain("NODE_PORT=$(kubectl -n zomme get svc buntime -o jsonpath='{.spec.ports[0].nodePort}')");
    expect(text).toContain('WARNING: no root key is configured');
    expect(text).toContain('Health: /_/api/health/ready');
    expect(text).toContain('npx buntime-deploy status -n zomme --release buntime');
    expect(text).not.toContain('turso-server');
  });

  it('points at the Ingress URL, the issued certificate, turso-server and the backups', async () => {
    const text = await notes(helm, {}, ['multi-pod-sync']);
    expect(text).toContain('https://buntime.example.com/b/  (Ingress buntime, class nginx)');
    expect(text).toContain('issued by ClusterIssuer letsencrypt-prod into Secret buntime-tls');
    expect(text).toContain('turso-server: http://buntime-turso:8080 (data), http://buntime-turso-admin:8081 (admin)');
    expect(text).toContain('CronJob buntime-turso-backup ("30 3 * * *" UTC) to s3://turso-backups/<namespace>/');
    expect(text).toContain('kubectl -n zomme create job --from=cronjob/buntime-turso-backup');
    expect(text).not.toContain('a turso token is missing');
  });

  it('shows the Route host and reads the root key from the existing Secret', async () => {
    const text = await notes(helm, {buntime: {existingSecret: 'buntime-secrets'}}, ['openshift']);
    expect(text).toContain('https://buntime.apps.example.com/  (Route buntime)');
    expect(text).toContain(
      "kubectl -n zomme get secret buntime-secrets -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d",
    );
    expect(text).not.toContain('NODE_PORT');
  });

  it.each([
    ['ClusterIP', {service: {type: 'ClusterIP'}}, 'kubectl -n zomme port-forward svc/buntime 8000:8000'],
    [
      'LoadBalancer',
      {service: {type: 'LoadBalancer'}},
      "get svc buntime -o jsonpath='{.status.loadBalancer.ingress[0]}'",
    ],
    ['a generated Route host', {route: {enabled: true}}, "oc -n zomme get route buntime -o jsonpath='{.spec.host}'"],
    ['a root key passed as a value', {buntime: {rootKey: 'k'}}, 'get secret buntime -o jsonpath'],
    [
      'TLS without an issuer',
      {ingress: {host: 'a.example.com', tls: {enabled: true}}},
      'TLS uses Secret buntime-tls; create it',
    ],
  ])('covers %s', async (_name, values, expected) => {
    expect(await notes(helm, values)).toContain(expected);
  });
});

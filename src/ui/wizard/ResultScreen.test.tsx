import {describe, expect, it} from 'vitest';
import {renderInk} from '../../../test/helpers/render-ink.js';
import {accessHints} from './access.js';
import type {ResultModel} from './result-model.js';
import {ResultScreen} from './ResultScreen.js';

const KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE';

const DEPLOYED: ResultModel = {
  outcome: 'deployed',
  mode: 'install',
  release: 'buntime',
  namespace: 'zomme',
  access: accessHints(
    {service: {type: 'NodePort', port: 8000}, ingress: {host: 'buntime.home', tls: {enabled: true}, path: '/'}},
    {namespace: 'zomme', fullname: 'buntime', nodePort: 31234, nodeAddress: '192.168.1.10'},
  ),
  rootKey: KEY,
  secretRef: 'Secret zomme/buntime-credentials',
  problems: [],
  nextSteps: ['Watch it live: buntime-deploy status -n zomme'],
};

describe('accessHints', () => {
  it('lists ingress, nodeport and port-forward, best first', () => {
    expect(DEPLOYED.access.map((hint) => hint.url)).toEqual([
      'https://buntime.home',
      'http://192.168.1.10:31234',
      'http://localhost:8000',
    ]);
  });
  it('a route without a host says how to read it; a prefix path is kept', () => {
    const hints = accessHints(
      {service: {type: 'ClusterIP'}, route: {enabled: true}, ingress: {host: '*.apps.example.com', path: '/b'}},
      {namespace: 'n', fullname: 'f'},
    );
    expect(hints.map((hint) => hint.kind)).toEqual(['ingress', 'route', 'port-forward']);
    expect(hints[0]?.url).toBe('http://app.apps.example.com/b');
    expect(hints[1]?.command).toContain('get route f');
  });
});

describe('ResultScreen', () => {
  it.each([100, 60])('day zero: URL, the root key once with what to do (%i columns)', async (columns) => {
    const ink = renderInk(<ResultScreen model={DEPLOYED} />, {columns});
    const frame = await ink.waitFor('Root key');
    const flat = frame.replace(/[\s│╭╮╰╯─]+/g, ' ');
    expect(flat).toContain('✔ buntime is installed and Ready');
    expect(flat).toContain('https://buntime.home');
    expect(flat).toContain('port-forward svc/buntime 8000:8000');
    expect(frame.replace(/[\s│]+/g, '')).toContain(KEY);
    expect(flat).toContain('RUNTIME_ROOT_KEY');
    expect(flat).toContain('cpanel');
    expect(flat).toContain('never prints it again');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    ink.unmount();
  });

  it('failure: release state, recovery and the failing pods with events; no URL, no key', async () => {
    const model: ResultModel = {
      ...DEPLOYED,
      outcome: 'failed',
      rootKey: undefined,
      releaseState: 'none',
      problems: [
        {
          pod: 'buntime-0',
          phase: 'Pending',
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "ghcr.io/x/nope:1"',
          events: [{reason: 'Failed', message: 'Failed to pull image', count: 3}],
        },
      ],
      helmError: 'Error: INSTALLATION FAILED: context deadline exceeded',
    };
    const ink = renderInk(<ResultScreen model={model} />, {columns: 60});
    const frame = await ink.waitFor('ImagePullBackOff');
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('✖ The install of buntime failed');
    expect(flat).toContain('not installed (the failed install was removed)');
    expect(flat).toContain('Failed: Failed to pull image (×3)');
    expect(flat).toContain('context deadline exceeded');
    expect(flat).not.toContain('https://buntime.home');
    ink.unmount();
  });

  it('stopped upgrade stuck in pending: shows the recovery', async () => {
    const model: ResultModel = {
      ...DEPLOYED,
      mode: 'upgrade',
      outcome: 'cancelled',
      rootKey: undefined,
      releaseState: {status: 'pending-upgrade', revision: 3},
      recovery: {
        action: 'rollback',
        revision: 2,
        explanation: 'Revision 3 is stuck in pending-upgrade.',
        command: 'helm rollback buntime 2 -n zomme --wait',
      },
    };
    const ink = renderInk(<ResultScreen model={model} />);
    const frame = await ink.waitFor('helm rollback');
    expect(frame).toContain('! The upgrade of buntime was stopped');
    expect(frame).toContain('rev 3 · pending-upgrade');
    ink.unmount();
  });

  it('render only: files and the exact command', async () => {
    const model: ResultModel = {
      ...DEPLOYED,
      outcome: 'rendered',
      mode: 'render',
      rootKey: undefined,
      files: {values: 'values.yaml', secrets: 'values.secrets.yaml'},
      command: 'helm upgrade --install buntime ./charts/buntime -f values.yaml -f values.secrets.yaml',
    };
    const ink = renderInk(<ResultScreen model={model} />);
    const frame = await ink.waitFor('values.secrets.yaml (mode 0600');
    expect(frame).toContain('helm upgrade --install buntime');
    ink.unmount();
  });
});

describe('ResultScreen: helm notes whole', () => {
  const notes = [
    'Buntime 0.5.4 (buntime, namespace zomme): 1 pod(s), StatefulSet buntime.',
    '',
    '2. Root key (RUNTIME_ROOT_KEY, full access; paste it in the cpanel):',
    "     kubectl -n zomme get secret buntime-credentials -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d",
    '     NetworkPolicy buntime-turso: only runtime pods (data, admin) and backup jobs (admin) may connect.',
  ].join('\n');
  it.each([100, 60])('the root-key command and every note line end whole (%i columns)', async (columns) => {
    const ink = renderInk(<ResultScreen model={{...DEPLOYED, notes}} width={columns} />, {columns});
    const frame = await ink.waitFor('Helm notes');
    // Commands continue with " \" where they wrap: read them back as one line.
    const flat = frame.replace(/ \\\n/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain("get secret buntime-credentials -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d");
    expect(flat).toContain('and backup jobs (admin) may connect.');
    expect(frame).not.toContain('…');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    ink.unmount();
  });
});

import {describe, expect, it} from 'vitest';
import {renderInk} from '../../../test/helpers/render-ink.js';
import {stripAnsi} from '../style.js';
import {showReview} from './index.js';
import type {ReviewModel} from './review-model.js';
import {ReviewScreen} from './ReviewScreen.js';

const BASE: ReviewModel = {
  mode: 'upgrade',
  release: 'buntime',
  namespace: 'zomme',
  context: 'lab',
  chart: 'buntime 0.6.0 (charts/buntime)',
  valuesYaml: 'replicaCount: 3\ntursoServer:\n  enabled: true\n  existingSecret: buntime-credentials\n',
  rules: [
    {
      id: 'ingress-service-type',
      severity: 'warning',
      message: 'service.type NodePort with an Ingress',
      hint: 'Use ClusterIP',
      where: 'service.type',
    },
  ],
  checks: [
    {
      id: 'api-keys-reset',
      severity: 'warning',
      message: 'API keys cannot move into the sync namespace.',
      hint: 'Re-create them in the cpanel.',
    },
  ],
  changes: [
    {
      key: 'StatefulSet/buntime',
      kind: 'StatefulSet',
      name: 'buntime',
      label: 'rolling-restart',
      fields: [{path: 'spec.replicas', from: 1, to: 3}],
      reason: 'The pod template changes: pods are replaced one at a time.',
    },
    {
      key: 'StatefulSet/buntime-turso',
      kind: 'StatefulSet',
      name: 'buntime-turso',
      label: 'create',
      fields: [],
      reason: 'New object.',
    },
    {
      key: 'PersistentVolumeClaim/buntime-apps',
      kind: 'PersistentVolumeClaim',
      name: 'buntime-apps',
      label: 'immutable',
      fields: [{path: 'spec.accessModes[0]', from: 'ReadWriteOnce', to: 'ReadWriteMany'}],
      reason: 'The API server rejects this PVC change: access mode ReadWriteOnce → ReadWriteMany.',
      safePath: "Keep the live claim's settings (persistence.apps.accessMode=ReadWriteOnce).",
    },
  ],
  secretsAt: 'Secret zomme/buntime-credentials (not in values, argv or the Helm release)',
  credentials: [
    {name: 'rootKey', state: 'kept'},
    {name: 'tursoAuthToken', state: 'generated'},
  ],
  command:
    'helm upgrade --install buntime charts/buntime --namespace zomme --reset-values --values values.yaml --wait --atomic',
  blockers: ['PersistentVolumeClaim/buntime-apps: rejected'],
  warnings: [],
};

describe('ReviewScreen', () => {
  it.each([100, 60])('shows values, checks and the labelled diff, blockers first (%i columns)', async (columns) => {
    const ink = renderInk(<ReviewScreen model={BASE} />, {columns});
    const frame = await ink.waitFor('Command');
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('Review — upgrade');
    expect(flat).toContain('existingSecret: buntime-credentials');
    expect(flat).toContain('! service.type: service.type NodePort with an Ingress');
    expect(flat).toContain('→ Re-create them in the cpanel.');
    expect(frame.indexOf('rejected: immutable')).toBeLessThan(frame.indexOf('rolling restart'));
    expect(flat).toContain('Safe path: Keep the live claim');
    expect(flat).toContain('+ create StatefulSet/buntime-turso');
    expect(flat).toContain('spec.replicas: 1 → 3');
    expect(flat).toContain('rootKey: kept');
    expect(flat).toContain('✖ 1 blocking problem(s)');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    ink.unmount();
  });

  it('warnings only: asks for a yes', async () => {
    const ink = renderInk(
      <ReviewScreen
        model={{...BASE, changes: [], blockers: [], warnings: [BASE.checks[0]?.message ?? ''], mode: 'install'}}
      />,
    );
    const frame = await ink.waitFor('warning(s)');
    expect(frame).toContain('! 2 warning(s): applying needs an explicit yes.');
    expect(frame).not.toContain('Changes to the live release');
    ink.unmount();
  });

  it('clean: ready to apply', async () => {
    const ink = renderInk(
      <ReviewScreen model={{...BASE, rules: [], checks: [], changes: [], blockers: [], mode: 'install'}} />,
    );
    const frame = await ink.waitFor('ready to apply');
    expect(frame).toContain('✔ every rule and preflight check passes');
    ink.unmount();
  });

  it('prints the same screen without a terminal, whole (no pager)', async () => {
    let out = '';
    const {PassThrough} = await import('node:stream');
    const stdout = Object.assign(new PassThrough(), {columns: 60, rows: 20});
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = await showReview(
      {
        stdin: new PassThrough(),
        stdout,
        stderr: new PassThrough(),
        interactive: false,
        signal: new AbortController().signal,
      },
      BASE,
      {page: true},
    );
    expect(exit).toBe('continue');
    expect(stripAnsi(out)).toContain('Safe path');
    for (const line of stripAnsi(out).split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});

describe('ReviewScreen: nothing cut', () => {
  const longValue = {name: 'extra', value: 'a value that is longer than forty characters and used to be cut'};
  const model: ReviewModel = {
    ...BASE,
    changes: [
      {
        key: 'StatefulSet/buntime',
        kind: 'StatefulSet',
        name: 'buntime',
        label: 'rolling-restart',
        fields: [
          {path: 'spec.template.spec.containers[0].env[7]', from: undefined, to: longValue},
          ...[1, 2, 3, 4, 5].map((i) => ({path: `spec.template.metadata.labels.l${i}`, from: 'a', to: `b${i}`})),
        ],
        reason: 'The pod template changes: pods are replaced one at a time.',
      },
    ],
  };

  it.each([100, 60])('every changed field and every value is shown whole (%i columns)', async (columns) => {
    const ink = renderInk(<ReviewScreen model={model} width={columns} />, {columns});
    const frame = await ink.waitFor('Command');
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain(`${JSON.stringify(longValue)}`.replace(/\s+/g, ' '));
    for (const i of [1, 2, 3, 4, 5]) expect(flat).toContain(`spec.template.metadata.labels.l${i}: a → b${i}`);
    expect(flat).not.toMatch(/… \d+ more/);
    expect(frame).not.toContain('…');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    ink.unmount();
  });

  it('the command breaks between arguments with shell continuations, so it pastes back whole', async () => {
    const ink = renderInk(<ReviewScreen model={BASE} width={60} />, {columns: 60});
    const frame = await ink.waitFor('Command');
    const lines = frame.slice(frame.indexOf('Command')).split('\n').slice(1);
    const command = lines.slice(0, lines.findIndex((line) => !line.endsWith(' \\')) + 1);
    expect(command.length).toBeGreaterThan(1);
    expect(command.map((line) => line.replace(/ \\$/, '').trim()).join(' ')).toBe(BASE.command);
    ink.unmount();
  });
});

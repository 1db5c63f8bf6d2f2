import {describe, expect, it} from 'vitest';
import {diagnoseMissingCertificate, diagnosePod, type DiagnosisContext, type PodEvent} from './diagnosis.js';
import type {PodStatus} from './pod-status.js';

const status = (patch: Partial<PodStatus>): PodStatus => ({
  status: 'Running',
  ready: 0,
  total: 1,
  restarts: 0,
  severity: 'error',
  ...patch,
});
const event = (reason: string, message: string): PodEvent => ({type: 'Warning', reason, message, count: 1, at: 1});
const context = (patch: Partial<DiagnosisContext>): DiagnosisContext => ({
  group: 'runtime',
  status: status({}),
  events: [],
  namespace: 'zomme',
  ...patch,
});

describe('diagnosePod (seed troubleshooting table)', () => {
  it('says nothing for healthy or finished pods', () => {
    expect(diagnosePod(context({status: status({severity: 'ok', ready: 1})}))).toBeUndefined();
    expect(diagnosePod(context({status: status({status: 'Completed', severity: 'done'})}))).toBeUndefined();
  });

  it('Pending with an unbound PVC without StorageClass → StorageClass hint', () => {
    const result = diagnosePod(
      context({
        status: status({
          status: 'Pending',
          reason: 'Unschedulable',
          message: 'pod has unbound immediate PersistentVolumeClaims',
        }),
        claims: [{name: 'buntime-plugins', phase: 'Pending'}],
      }),
    );
    expect(result?.problem).toBe('Pending: PVC buntime-plugins is Pending and has no StorageClass.');
    expect(result?.hint).toContain('StorageClass');
    expect(result?.command).toBe('kubectl -n zomme get pvc');
  });

  it('Pending for lack of capacity → scheduler hint', () => {
    const result = diagnosePod(
      context({
        status: status({
          status: 'Pending',
          reason: 'Unschedulable',
          message: '0/1 nodes are available: 1 Insufficient cpu.',
        }),
        claims: [],
      }),
    );
    expect(result?.problem).toContain('Insufficient cpu');
    expect(result?.hint).toContain('resources.requests');
  });

  it.each(['ImagePullBackOff', 'ErrImagePull'])('%s → imagePullSecrets / image.repository', (name) => {
    const result = diagnosePod(
      context({status: status({status: name}), image: 'registry.example.com/zomme/buntime:1'}),
    );
    expect(result?.problem).toBe(`${name}: registry.example.com/zomme/buntime:1.`);
    expect(result?.hint).toContain('imagePullSecrets');
    expect(result?.hint).toContain('image.repository');
  });

  it('probe failing on a runtime pod → health paths under the API prefix', () => {
    const result = diagnosePod(
      context({
        status: status({status: 'Running', severity: 'warn'}),
        events: [event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404')],
      }),
    );
    expect(result?.hint).toContain('<apiPrefix>/api/health/live');
    expect(result?.hint).toContain('RUNTIME_API_PREFIX');
  });

  it('runtime failing while turso-server is not ready → turso unreachable', () => {
    const result = diagnosePod(context({status: status({status: 'CrashLoopBackOff'}), tursoReady: false}));
    expect(result?.hint).toContain('turso unreachable');
  });

  it('backup job CreateContainerConfigError → the admin token Secret', () => {
    const result = diagnosePod(
      context({
        group: 'backup',
        status: status({
          status: 'CreateContainerConfigError',
          message: "couldn't find key TURSO_ADMIN_TOKEN in Secret zomme/buntime-turso",
        }),
      }),
    );
    expect(result?.problem).toContain('TURSO_ADMIN_TOKEN');
    expect(result?.hint).toContain('tursoServer.adminToken');
  });

  it('OOMKilled → memory limit', () => {
    expect(diagnosePod(context({status: status({status: 'CrashLoopBackOff', reason: 'OOMKilled'})}))?.hint).toBe(
      'Raise resources.limits.memory.',
    );
  });

  it('falls back to the newest warning event', () => {
    const result = diagnosePod(
      context({status: status({status: 'Error'}), events: [event('BackOff', 'Back-off restarting failed container')]}),
    );
    expect(result?.problem).toBe('Error: Back-off restarting failed container');
  });

  it('missing certificate → cert-manager', () => {
    expect(diagnoseMissingCertificate('zomme', 'buntime-tls').hint).toContain('cert-manager');
  });
});

/**
 * The chart against the real API server (issue: "the rendered objects pass a server-side dry run"):
 * every configuration the helm suite renders is installed with --dry-run=server by helm 3 and helm 4,
 * so admission, schema defaulting and validation of every object run for real. Then the chart's live
 * guard: changing volumeClaimTemplates on an installed release fails with the safe path before any
 * object is touched.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {createNamespace, helm, kubectl} from '../cluster/harness.js';
import {CHART_CONFIGS} from '../helm/configs.js';
import {CHART, fixture} from '../helm/render.js';

/** OpenShift's Route API, so the openshift configuration can be validated by a vanilla API server. */
const ROUTE_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: routes.route.openshift.io}
spec:
  group: route.openshift.io
  scope: Namespaced
  names: {kind: Route, plural: routes, singular: route}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

function valuesArgs(options: (typeof CHART_CONFIGS)[number]['options']): string[] {
  const args: string[] = [];
  for (const name of options.fixtures ?? []) args.push('-f', fixture(name));
  // Inline values go through a file too (helm reads '-' as stdin only for one -f).
  if (options.values) args.push('--set-json', `=${JSON.stringify(options.values)}`);
  return args;
}

beforeAll(async () => {
  await kubectl(['apply', '-f', '-'], {input: ROUTE_CRD});
  await kubectl(['wait', '--for=condition=Established', 'crd/routes.route.openshift.io', '--timeout=60s']);
});

describe.each([3, 4] as const)('server-side dry run with helm %i', (major) => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createNamespace(`chart-dry-helm${major}`);
  });

  it.each(CHART_CONFIGS)('$name', async ({options}) => {
    const output = await helm(major, [
      'install',
      'buntime',
      CHART,
      '-n',
      namespace,
      '--dry-run=server',
      ...valuesArgs(options),
    ]);
    expect(output).toMatch(/STATUS: pending-install/);
    expect(output).toContain('kind: StatefulSet');
    // A dry run creates nothing.
    expect(await kubectl(['get', 'statefulsets', '-n', namespace, '-o', 'name'])).toBe('');
  });
});

describe.each([3, 4] as const)('live volumeClaimTemplates guard with helm %i', (major) => {
  it('refuses to switch /data/turso from a per-pod PVC to emptyDir on an installed release, naming the safe path', async () => {
    const namespace = await createNamespace(`chart-guard-helm${major}`);
    await helm(major, ['install', 'buntime', CHART, '-n', namespace, '--wait', '--timeout', '2m']);
    const before = await kubectl([
      'get',
      'statefulset',
      'buntime',
      '-n',
      namespace,
      '-o',
      'jsonpath={.metadata.generation}',
    ]);
    const error = await helm(major, [
      'upgrade',
      'buntime',
      CHART,
      '-n',
      namespace,
      '--set',
      'persistence.turso.type=emptyDir',
    ]).catch((caught: unknown) => String(caught));
    expect(error).toContain('Kubernetes cannot change them in place');
    expect(error).toContain(`kubectl -n ${namespace} delete statefulset buntime --cascade=orphan`);
    // Nothing was applied: same StatefulSet generation, release still deployed at revision 1.
    expect(
      await kubectl(['get', 'statefulset', 'buntime', '-n', namespace, '-o', 'jsonpath={.metadata.generation}']),
    ).toBe(before);
    const status = JSON.parse(await helm(major, ['status', 'buntime', '-n', namespace, '-o', 'json'])) as {
      version: number;
      info: {status: string};
    };
    expect([status.version, status.info.status]).toEqual([1, 'deployed']);
  });
});

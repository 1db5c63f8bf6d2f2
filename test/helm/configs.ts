import type {Fixture, RenderOptions} from './render.js';

/**
 * The chart configurations every promise is checked in: default values, each realistic fixture
 * (presets and the multi-pod sync journey) and edge cases. Reusable by the e2e suite, e.g. for a
 * server-side dry run of each one against the real API server.
 */
export const CHART_CONFIGS: ReadonlyArray<{readonly name: string; readonly options: RenderOptions}> = [
  {name: 'default values', options: {}},
  ...(['multi-pod-sync', 'k3s', 'openshift', 'gitlab-registry', 'autoscaling'] as const satisfies readonly Fixture[]).map((name) => ({
    name,
    options: {fixtures: [name]},
  })),
  {name: 'k3s preset + multi-pod sync answers', options: {fixtures: ['k3s', 'multi-pod-sync']}},
  {name: 'turso emptyDir, single pod', options: {values: {persistence: {turso: {type: 'emptyDir'}}}}},
  {name: '3 pods on RWO volumes', options: {values: {replicaCount: 3}}},
  {name: 'turso-server without backups', options: {values: {tursoServer: {enabled: true}}}},
  {name: 'backups requested without turso-server', options: {values: {tursoServer: {enabled: false, backup: {enabled: true}}}}},
];

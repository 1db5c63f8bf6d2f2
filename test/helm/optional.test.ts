import {describe, expect, it} from 'vitest';
import {BACKUP, HELMS, TURSO, objects, only, render} from './render.js';

/** A NetworkPolicy podSelector's matchLabels against a pod's labels. */
const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

const kinds = (docs: Awaited<ReturnType<typeof render>>['docs']): string[] =>
  docs.map((d) => `${d.object['kind']}/${(d.object['metadata'] as {name: string}).name}`).sort();

describe.each(HELMS)('$name', (helm) => {
  it('renders only the always-on objects with default values', async () => {
    const {docs} = await render(helm);
    expect(kinds(docs)).toEqual([
      'ConfigMap/buntime',
      'PersistentVolumeClaim/buntime-apps',
      'PersistentVolumeClaim/buntime-plugins',
      'Service/buntime',
      'Service/buntime-headless',
      'StatefulSet/buntime',
    ]);
  });

  it.each([
    ['turso-server off', {tursoServer: {enabled: false, networkPolicy: {enabled: true}}}, false, false],
    ['turso-server on', {tursoServer: TURSO}, true, false],
    ['turso-server on, NetworkPolicy off', {tursoServer: {...TURSO, networkPolicy: {enabled: false}}}, false, false],
    ['turso-server and backups on', {tursoServer: {...TURSO, backup: BACKUP}}, true, true],
  ])('NetworkPolicy and backup CronJob only when enabled: %s', async (_name, values, policy, cronjob) => {
    const {docs} = await render(helm, {values});
    expect(objects(docs, 'NetworkPolicy')).toHaveLength(policy ? 1 : 0);
    expect(objects(docs, 'CronJob')).toHaveLength(cronjob ? 1 : 0);
    expect(objects(docs, 'ConfigMap', 'buntime-turso-backup')).toHaveLength(cronjob ? 1 : 0);
    expect(objects(docs, 'StatefulSet', 'buntime-turso')).toHaveLength(values.tursoServer.enabled ? 1 : 0);
  });

  it('renders turso-server: StatefulSet, data Service and admin Service', async () => {
    const {docs} = await render(helm, {values: {tursoServer: TURSO}});
    const turso = docs
      .filter((d) => d.source === 'buntime/templates/turso-server.yaml')
      .map((d) => `${d.object['kind']}/${(d.object['metadata'] as {name: string}).name}`);
    expect(turso.sort()).toEqual(['Service/buntime-turso', 'Service/buntime-turso-admin', 'StatefulSet/buntime-turso']);
    const env = Object.fromEntries(
      only(docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec.containers[0].env.map(
        (e: {name: string; value?: string}) => [e.name, e.value],
      ),
    );
    expect(env).toMatchObject({
      TURSO_DATA_DIR: '/var/lib/turso',
      TURSO_DATA_ADDR: ':8080',
      TURSO_ADMIN_ADDR: ':8081',
      TURSO_ALLOW_AUTO_PROVISION: 'true',
      TURSO_MAX_NAMESPACES: '256',
      TURSO_AUTO_IDLE_DURATION: '168h',
      TURSO_ARCHIVE_RETENTION: '720h',
      TURSO_GC_INTERVAL: '1h',
    });
    const probe = only(docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec.containers[0].readinessProbe;
    expect(probe.httpGet).toEqual({path: '/healthz', port: 'data'});
  });

  it('lets only backup and restore Job pods reach the admin port (8081), only runtime pods the data port', async () => {
    const {docs} = await render(helm, {values: {tursoServer: {...TURSO, backup: BACKUP}}});
    const policy = only(docs, 'NetworkPolicy', 'buntime-turso')['spec'];
    const turso = only(docs, 'StatefulSet', 'buntime-turso')['spec'].template;
    expect(matches(policy.podSelector.matchLabels, turso.metadata.labels)).toBe(true);
    expect(policy.policyTypes).toEqual(['Ingress']);
    // The pods of this release, with the labels their templates give them, and a stranger.
    const runtime = only(docs, 'StatefulSet', 'buntime')['spec'].template.metadata.labels;
    const instance = {'app.kubernetes.io/name': 'buntime', 'app.kubernetes.io/instance': 'buntime'};
    const pods: Record<string, Record<string, string>> = {
      runtime,
      'turso-server': turso.metadata.labels,
      'backup job': only(docs, 'CronJob', 'buntime-turso-backup')['spec'].jobTemplate.spec.template.metadata.labels,
      // The restore Job (buntime-deploy's recovery) labels its pods like this (buntime.restoreLabels).
      'restore job': {...instance, 'app.kubernetes.io/component': 'turso-restore'},
      'another app': {'app.kubernetes.io/name': 'other'},
    };
    const ports = turso.spec.containers[0].ports as Array<{name: string; containerPort: number}>;
    const allowed = (labels: Record<string, string>, port: number): boolean =>
      (
        policy.ingress as Array<{
          from: Array<{podSelector: {matchLabels: Record<string, string>}}>;
          ports: Array<{port: string | number}>;
        }>
      ).some(
        (rule) =>
          rule.from.some((peer) => matches(peer.podSelector.matchLabels, labels)) &&
          rule.ports.some(
            (p) => (typeof p.port === 'number' ? p.port : ports.find((c) => c.name === p.port)?.containerPort) === port,
          ),
      );
    const table = Object.fromEntries(
      Object.entries(pods).map(([name, labels]) => [name, [8080, 8081].filter((port) => allowed(labels, port))]),
    );
    expect(table).toEqual({
      runtime: [8080],
      'turso-server': [],
      'backup job': [8081],
      'restore job': [8081],
      'another app': [],
    });
  });

  it('scales the StatefulSet with the HPA and leaves replicas to it', async () => {
    const {docs} = await render(helm, {fixtures: ['autoscaling']});
    const hpa = only(docs, 'HorizontalPodAutoscaler', 'buntime')['spec'];
    expect(hpa.scaleTargetRef).toEqual({apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'buntime'});
    expect(hpa).toMatchObject({minReplicas: 2, maxReplicas: 6});
    expect(hpa.metrics.map((m: {resource: {name: string}}) => m.resource.name)).toEqual(['cpu']);
    expect(only(docs, 'StatefulSet', 'buntime')['spec']).not.toHaveProperty('replicas');
    expect(objects((await render(helm)).docs, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('counts only runtime pods in the PodDisruptionBudget', async () => {
    const {docs} = await render(helm, {fixtures: ['multi-pod-sync']});
    const pdb = only(docs, 'PodDisruptionBudget', 'buntime')['spec'];
    expect(pdb).toEqual({
      minAvailable: 2,
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'buntime',
          'app.kubernetes.io/instance': 'buntime',
          'app.kubernetes.io/component': 'runtime',
        },
      },
    });
  });

  it.each([
    [
      'nginx with a path prefix and TLS from a ClusterIssuer',
      'multi-pod-sync',
      {
        'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
        'nginx.ingress.kubernetes.io/proxy-body-size': '0',
        'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
        'nginx.ingress.kubernetes.io/use-regex': 'true',
      },
      {path: '/b(/|$)(.*)', pathType: 'ImplementationSpecific'},
      'nginx',
    ],
    [
      'traefik (k3s) without nginx annotations',
      'k3s',
      {'cert-manager.io/cluster-issuer': 'home-ca-issuer'},
      {path: '/', pathType: 'Prefix'},
      'traefik',
    ],
  ] as const)('renders the Ingress for %s', async (_name, name, annotations, path, className) => {
    const {docs} = await render(helm, {fixtures: [name]});
    const ingress = only(docs, 'Ingress', 'buntime');
    expect(ingress['metadata'].annotations).toEqual(annotations);
    expect(ingress['spec'].ingressClassName).toBe(className);
    expect(ingress['spec'].tls).toEqual([{hosts: [ingress['spec'].rules[0].host], secretName: 'buntime-tls'}]);
    expect(ingress['spec'].rules[0].http.paths[0]).toEqual({
      ...path,
      backend: {service: {name: 'buntime', port: {number: 8000}}},
    });
  });

  it('lets ingress.annotations win and leaves out the class and TLS when not set', async () => {
    const {docs} = await render(helm, {
      values: {
        ingress: {
          host: '*.example.com',
          className: '',
          annotations: {'a/b': 'c', 'nginx.ingress.kubernetes.io/proxy-body-size': '5m'},
        },
      },
    });
    const ingress = only(docs, 'Ingress', 'buntime');
    expect(ingress['metadata'].annotations).toEqual({'a/b': 'c', 'nginx.ingress.kubernetes.io/proxy-body-size': '5m'});
    expect(ingress['spec']).not.toHaveProperty('ingressClassName');
    expect(ingress['spec']).not.toHaveProperty('tls');
    expect(ingress['spec'].rules[0].host).toBe('*.example.com');
  });

  it('renders the OpenShift Route instead of an Ingress', async () => {
    const {docs} = await render(helm, {fixtures: ['openshift']});
    expect(objects(docs, 'Ingress')).toEqual([]);
    expect(only(docs, 'Route', 'buntime')['spec']).toEqual({
      host: 'buntime.apps.example.com',
      to: {kind: 'Service', name: 'buntime', weight: 100},
      port: {targetPort: 'http'},
      tls: {termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect'},
      wildcardPolicy: 'None',
    });
    expect(only(docs, 'Service', 'buntime')['spec'].type).toBe('ClusterIP');
  });

  it('pulls every image with imagePullSecrets (runtime, turso-server, backup job)', async () => {
    const {docs} = await render(helm, {fixtures: ['gitlab-registry']});
    const pods = [
      only(docs, 'StatefulSet', 'buntime')['spec'].template.spec,
      only(docs, 'StatefulSet', 'buntime-turso')['spec'].template.spec,
      only(docs, 'CronJob', 'buntime-turso-backup')['spec'].jobTemplate.spec.template.spec,
    ];
    for (const pod of pods) expect(pod.imagePullSecrets).toEqual([{name: 'gitlab-registry'}]);
    expect(pods.map((pod) => pod.containers[0].image)).toEqual([
      'registry.example.com/zomme/buntime:1.4.0',
      'registry.example.com/zomme/turso-server:0.1.0',
      'registry.example.com/zomme/turso-backup:0.1.0',
    ]);
  });
});

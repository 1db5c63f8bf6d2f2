import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import type {Values} from '../../src/core/values/paths.js';
import {renderValues} from '../../src/core/values/render.js';
import {BACKUP, CHART, HELMS, TURSO, render, renderError} from './render.js';

/** `buntime-deploy render`'s findings for one values file, with the chart's own schema. */
function cliFindings(values: Values) {
  return renderValues({
    chartDefaults: parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Values,
    schema: JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as Values,
    files: [{label: 'answers.yaml', values}],
    release: 'buntime',
  }).findings;
}

describe.each(HELMS)('$name validates values against values.schema.json', (helm) => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['replicaCount 0', {replicaCount: 0}, /replicaCount/],
    ['a bad plugins accessMode', {persistence: {plugins: {accessMode: 'ReadWriteSometimes'}}}, /accessMode/],
    ['a bad apps accessMode', {persistence: {apps: {accessMode: 'RWX'}}}, /accessMode/],
    ['an unknown logLevel', {buntime: {logLevel: 'verbose'}}, /logLevel/],
    ['a bad persistence.turso.type', {persistence: {turso: {type: 'hostPath'}}}, /type/],
    ['a bad service.type', {service: {type: 'ExternalName'}}, /type/],
    ['a typo in a key', {iamge: {tag: 'x'}}, /iamge/],
    ['a typo in a nested key', {tursoServer: {enabeld: true}}, /enabeld/],
    ['an apiPrefix with a trailing slash', {buntime: {apiPrefix: '/_/'}}, /apiPrefix/],
    ['a size with a wrong unit', {persistence: {apps: {size: '10Gb'}}}, /size/],
    ['a port out of range', {tursoServer: {service: {adminPort: 70000}}}, /adminPort/],
    ['a four-field cron schedule', {tursoServer: {backup: {schedule: '0 2 * *'}}}, /schedule/],
    ['a hostname with a scheme', {ingress: {host: 'https://buntime.example.com'}}, /host/],
    ['comma-separated worker dirs', {buntime: {workerDirs: '/data/.apps,/data/apps'}}, /workerDirs/],
    ['a negative retention', {tursoServer: {backup: {retentionCount: -1}}}, /retentionCount/],
    ['an unknown Turso mode', {plugins: {turso: {mode: 'remote'}}}, /mode/],
    ['a string replica count', {replicaCount: 'three'}, /replicaCount/],
  ])('rejects %s', async (_name, values, field) => {
    const error = await renderError(helm, {values});
    expect(error).toMatch(/schema/i);
    expect(error).toMatch(field);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a typo in a key', {iamge: {tag: 'x'}}, 'iamge.tag', 'image.tag'],
    ['a typo in a nested key', {tursoServer: {enabeld: true}}, 'tursoServer.enabeld', 'tursoServer.enabled'],
    ['a key below a closed map', {serviceAccount: {create: true}}, 'serviceAccount.create', 'serviceAccount.name'],
  ])('and so does render, as an error naming the closest path: %s', async (_name, values, path, closest) => {
    expect(await renderError(helm, {values})).toMatch(/schema/i);
    expect(cliFindings(values).filter((item) => item.id === 'values.unknown')).toEqual([
      expect.objectContaining({severity: 'error', path, hint: `Did you mean '${closest}'?`}),
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['every service type', {service: {type: 'LoadBalancer'}}],
    [
      'ReadWriteMany volumes and an emptyDir Turso cache',
      {
        persistence: {
          plugins: {accessMode: 'ReadWriteMany'},
          apps: {accessMode: 'ReadWriteMany'},
          turso: {type: 'emptyDir'},
        },
      },
    ],
    ['every log level', {buntime: {logLevel: 'warn'}}],
    ['an empty apiPrefix', {buntime: {apiPrefix: ''}}],
    ['a numeric image tag and a wildcard host', {image: {tag: 1.4}, ingress: {host: '*.apps.example.com'}}],
    [
      'retention 0 (keep everything) and an @daily schedule',
      {tursoServer: {...TURSO, backup: {...BACKUP, retentionCount: 0, schedule: '@daily'}}},
    ],
    [
      'durations and 0 disabling them',
      {tursoServer: {autoIdleDuration: '0', archiveRetention: '1h30m', gcInterval: '30m'}},
    ],
    ['global values set by Rancher', {global: {cattle: {systemDefaultRegistry: 'registry.local'}}}],
    [
      'extra env and resources of any shape',
      {extraEnv: [{name: 'A', value: '1'}], resources: {limits: {cpu: 1, 'ephemeral-storage': '1Gi'}}},
    ],
    ['a percentage PDB', {podDisruptionBudget: {enabled: true, minAvailable: '50%'}}],
  ])('accepts %s', async (_name, values) => {
    expect((await render(helm, {values})).docs.length).toBeGreaterThan(0);
  });
});

/**
 * Render + validate time of the full Buntime chart: chart defaults ← a multi-pod sync preset ←
 * answers (with secrets) through the questions engine (all of questions.yml), every value rule and
 * the chart's checkValues. Inputs are read once (file I/O is not what the wizard repeats); the
 * measured call is exactly what the wizard runs after each answer and CI runs once. Target ≤ 20 ms.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parse} from 'yaml';
import {parseQuestions} from '../src/core/questions/parse.js';
import type {Preset} from '../src/core/presets/preset.js';
import type {Values} from '../src/core/values/paths.js';
import {renderValues} from '../src/core/values/render.js';
import {median} from './stats.js';

const CHART = join(import.meta.dirname, '..', 'charts', 'buntime');

const MULTI_POD: Preset = {
  name: 'bench-multi-pod',
  description: 'Three pods syncing through turso-server, RWX volumes, S3 backups, Ingress with TLS.',
  source: 'bench',
  values: {
    replicaCount: 3,
    service: {type: 'ClusterIP'},
    buntime: {authDb: {mode: 'sync'}},
    plugins: {turso: {mode: 'sync'}},
    persistence: {
      plugins: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
      apps: {accessMode: 'ReadWriteMany', storageClass: 'nfs'},
    },
    tursoServer: {enabled: true, backup: {enabled: true, s3: {endpoint: 'http://minio.minio.svc.cluster.local:9000'}}},
  },
  questionDefaults: {'ingress.tls.enabled': true},
  notes: [],
};

const ANSWERS: Values = {
  ingress: {host: 'buntime.example.com', tls: {clusterIssuer: 'letsencrypt'}},
  buntime: {rootKey: 'bench-root-key'},
  tursoServer: {
    authToken: 'bench-data',
    adminToken: 'bench-admin',
    backup: {s3: {accessKeyId: 'ak', secretAccessKey: 'sk'}},
  },
};

/** Median of `samples` timed renders after a warm-up (JIT), in milliseconds. */
export async function benchRender(samples = 200): Promise<{name: string; medianMs: number; samples: number}> {
  const chartDefaults = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Values;
  const questions = parseQuestions(parse(readFileSync(join(CHART, 'questions.yml'), 'utf8')), {
    source: 'questions.yml',
  });
  const run = () =>
    renderValues({
      chartDefaults,
      questions,
      preset: MULTI_POD,
      files: [{label: 'answers.yaml', values: ANSWERS}],
      release: 'buntime',
      namespace: 'buntime',
    });
  const check = run();
  if (!check.ok) throw new Error(`bench input is invalid: ${check.findings.map((item) => item.message).join('; ')}`);
  for (let index = 0; index < 20; index++) run();
  const times: number[] = [];
  for (let index = 0; index < samples; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return {
    name: 'Render + validate, full chart (multi-pod preset)',
    medianMs: Math.round(median(times) * 1000) / 1000,
    samples,
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  console.log(JSON.stringify(await benchRender()));
}

/**
 * 200+ bad inputs through the real CLI entry (main): each must exit 2, name the file:line or value
 * path, say how to fix it, and write NOTHING (the working directory is compared byte for byte).
 */
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {stringify} from 'yaml';
import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const CHART = fileURLToPath(new URL('../fixtures/chart', import.meta.url));

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  readonly files?: Readonly<Record<string, string>>;
  /** Must appear in the output. */
  readonly expect: RegExp;
  /** file:line or value path that must appear verbatim. */
  readonly where: string;
}

/** Nested YAML from dotted keys. */
function yamlOf(dotted: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(dotted)) {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = value;
  }
  return stringify(out);
}

/** Line of the first occurrence of `needle` in `text` (1-based), for expected file:line. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not in ${text}`);
  return index + 1;
}

const render = (...extra: string[]): string[] => ['render', '--chart', CHART, '-o', 'out/values.yaml', ...extra];

/** A valid multi-pod sync + backup setup; cases replace one value to make it invalid. */
const VALID: Record<string, unknown> = {
  replicaCount: 3,
  'persistence.plugins.accessMode': 'ReadWriteMany',
  'persistence.apps.accessMode': 'ReadWriteMany',
  'buntime.authDb.mode': 'sync',
  'plugins.turso.mode': 'sync',
  'tursoServer.enabled': true,
  'tursoServer.backup.enabled': true,
  'tursoServer.backup.s3.endpoint': 'http://minio.minio.svc.cluster.local:9000',
  'ingress.host': 'buntime.example.com',
  'ingress.tls.enabled': true,
  'ingress.tls.clusterIssuer': 'letsencrypt',
  'service.type': 'ClusterIP',
};
const SECRETS = yamlOf({
  'buntime.rootKey': 'root-key-value',
  'tursoServer.authToken': 'data-token-value',
  'tursoServer.adminToken': 'admin-token-value',
  'tursoServer.backup.s3.accessKeyId': 'access-key-value',
  'tursoServer.backup.s3.secretAccessKey': 'secret-key-value',
});

/** A case where `answers.yaml` is VALID with `path` replaced by `value`. */
function valueCase(name: string, path: string, value: unknown, expect: RegExp, where?: string): Case {
  const answers = yamlOf({...VALID, [path]: value});
  const last = path.split('.').pop() as string;
  return {
    name,
    argv: render('-f', 'answers.yaml', '-f', 'secrets.yaml'),
    files: {'answers.yaml': answers, 'secrets.yaml': SECRETS},
    expect,
    where: where ?? `answers.yaml:${lineOf(answers, `${last}:`)}`,
  };
}

const cases: Case[] = [];

// 1. Malformed YAML in an answers file.
const MALFORMED: Array<[string, string, number]> = [
  ['duplicate key', 'replicaCount: 1\nreplicaCount: 2\n', 2],
  ['duplicate nested key', 'ingress:\n  host: a.example.com\n  host: b.example.com\n', 3],
  ['unclosed flow sequence', 'imagePullSecrets: [a, b\n', 2],
  ['unclosed flow mapping', 'ingress: {host: a\n', 2],
  ['unclosed double quote', 'ingress:\n  host: "a.example.com\n', 2],
  ['unclosed single quote', "ingress:\n  host: 'a.example.com\n", 2],
  ['tab indentation', 'ingress:\n\thost: a\n', 2],
  ['bad indentation', 'ingress:\n  host: a\n    className: x\n', 2],
  ['two documents', 'replicaCount: 1\n---\nreplicaCount: 2\n', 2],
  ['list at the root', '- replicaCount: 1\n', 1],
  ['scalar at the root', 'replicaCount\n', 1],
  ['number at the root', '3\n', 1],
  ['undefined alias', 'replicaCount: *count\n', 1],
  ['mapping key without value indicator', 'ingress:\n  host a\n  tls: {}\n', 2],
  ['colon in plain scalar', 'ingress:\n  host: a: b\n', 2],
  ['block sequence in a map', 'ingress:\n- a\n  host: x\n', 2],
  ['stray closing bracket', 'replicaCount: 1]\nimage: x\n', 1],
  ['unterminated block scalar header', 'ingress:\n  host: |x\n    a\n', 2],
  ['directive after content', 'a: 1\n%YAML 1.2\n', 2],
  ['anchor redefinition nonsense', 'a: &x\n  b: 1\nc: *y\n', 3],
];
for (const [name, text, line] of MALFORMED) {
  cases.push({
    name: `malformed answers: ${name}`,
    argv: render('-f', 'bad.yaml'),
    files: {'bad.yaml': text},
    expect: /bad\.yaml/,
    where: `bad.yaml:${line}`,
  });
}
// The same files as presets and as --answers for questions eval.
for (const [name, text, line] of MALFORMED.slice(0, 8)) {
  cases.push({
    name: `malformed preset file: ${name}`,
    argv: render('--preset', './p.yaml'),
    files: {'p.yaml': text},
    expect: /p\.yaml/,
    where: `p.yaml:${line}`,
  });
  cases.push({
    name: `malformed eval answers: ${name}`,
    argv: ['questions', 'eval', join(CHART, 'questions.yml'), '--answers', 'a.yaml'],
    files: {'a.yaml': text},
    expect: /a\.yaml/,
    where: `a.yaml:${line}`,
  });
}

// 2. Unknown presets and invalid preset files.
for (const name of ['k3', 'k8s', 'openshfit', 'rancher2', 'gitlab', 'aws', 'eks', 'microk8s', 'kind', 'generics']) {
  cases.push({
    name: `unknown preset ${name}`,
    argv: render('--preset', name),
    expect: /Unknown preset .*k3s, rancher, openshift, gitlab-registry, generic/s,
    where: `--preset ${name}`,
  });
}
const BAD_PRESETS: Array<[string, string, RegExp, string]> = [
  ['missing file', '', /does not exist/, 'missing.yaml'],
  ['bad name', 'name: My Preset\nvalues: {}\n', /name must be lower-case/, 'p.yaml:1:1'],
  ['values is a list', 'name: p\nvalues: [1]\n', /values must be a mapping/, 'p.yaml:2:1'],
  ['unknown key', 'name: p\nvalue: {}\n', /unknown preset key 'value'.*Did you mean 'values'/s, 'p.yaml:2:1'],
  ['notes not text', 'name: p\nnotes: [1, 2]\n', /notes must be text/, 'p.yaml:2:1'],
  ['questionDefaults list', 'name: p\nquestionDefaults: [a]\n', /questionDefaults must be a mapping/, 'p.yaml:2:1'],
  [
    'unknown value path',
    'name: p\nvalues:\n  ingress:\n    clas: nginx\n',
    /'ingress.clas' is not a value.*Did you mean 'ingress.class/s,
    'p.yaml:4:5',
  ],
  [
    'invalid value',
    'name: p\nvalues:\n  service:\n    type: Nodeport\n',
    /'Nodeport' is not one of the options.*Did you mean 'NodePort'/s,
    'p.yaml:4:5',
  ],
  [
    'invalid size',
    'name: p\nvalues:\n  persistence:\n    apps:\n      size: 10GB\n',
    /not a Kubernetes quantity.*10Gi/s,
    'p.yaml:5:7',
  ],
  [
    'invalid question default',
    'name: p\nquestionDefaults:\n  replicaCount: many\n',
    /expected a whole number/,
    'replicaCount',
  ],
];
for (const [name, text, expect, where] of BAD_PRESETS) {
  const file = name === 'missing file' ? './missing.yaml' : './p.yaml';
  cases.push({
    name: `preset file: ${name}`,
    argv: render('--preset', file),
    files: text ? {'p.yaml': text} : {},
    expect,
    where,
  });
}

// 3. Questions files: unknown types and other lint errors (questions check exits 2).
const check = (extra: string[] = []) => ['questions', 'check', 'q.yml', ...extra];
for (const type of [
  'text',
  'integer',
  'number',
  'bool',
  'select',
  'array[string]',
  'yaml',
  'cloudcredential',
  'radio',
  'map[string]',
  'Strng',
  'checkbox',
]) {
  const text = `questions:\n  - variable: a\n    label: A\n    type: "${type}"\n`;
  cases.push({
    name: `questions check: unknown type ${type}`,
    argv: check(),
    files: {'q.yml': text},
    expect: new RegExp(`type '${type.replace(/[[\]]/g, '\\$&')}' is not supported.*Known types`, 's'),
    where: 'q.yml:2:5',
  });
}
const BAD_QUESTIONS: Array<[string, string, RegExp, string, string[]?]> = [
  [
    'show_if syntax',
    'questions:\n  - variable: a\n    label: A\n    show_if: "b=1&&"\n',
    /does not parse/,
    'q.yml:4:5',
  ],
  [
    'show_if parenthesis',
    'questions:\n  - variable: a\n    label: A\n    show_if: "(b=1"\n',
    /missing '\)'/,
    'q.yml:4:5',
  ],
  [
    'show_if no operator',
    'questions:\n  - variable: a\n    label: A\n    show_if: b c\n',
    /expected '=' or '!=' after 'b'/,
    'q.yml:4:5',
  ],
  [
    'show_if unknown variable (chart)',
    'questions:\n  - variable: replicaCount\n    label: A\n    show_if: replicas=2\n',
    /refers to 'replicas'/,
    'q.yml:2:5',
    ['--chart', CHART],
  ],
  [
    'variable not in values.yaml',
    'questions:\n  - variable: ingres.host\n    label: H\n',
    /not in the chart's values.yaml.*Did you mean 'ingress.host'/s,
    'q.yml:2:5',
    ['--chart', CHART],
  ],
  [
    'default above max',
    'questions:\n  - variable: a\n    label: A\n    type: int\n    max: 5\n    default: 9\n',
    /above the maximum 5/,
    'q.yml:2:5',
  ],
  [
    'default below min 0',
    'questions:\n  - variable: a\n    label: A\n    type: int\n    min: 0\n    default: -1\n',
    /below the minimum 0/,
    'q.yml:2:5',
  ],
  [
    'default not an option',
    'questions:\n  - variable: a\n    label: A\n    type: enum\n    options: [x, y]\n    default: z\n',
    /not one of the options/,
    'q.yml:2:5',
  ],
  [
    'default not an int',
    'questions:\n  - variable: a\n    label: A\n    type: int\n    default: ten\n',
    /expected a whole number/,
    'q.yml:2:5',
  ],
  [
    'min above max',
    'questions:\n  - variable: a\n    label: A\n    type: int\n    min: 9\n    max: 1\n',
    /min 9 is greater than max 1/,
    'q.yml:5:5',
  ],
  ['no variable', 'questions:\n  - label: A\n', /no variable/, 'q.yml:2:5'],
  ['questions not a list', 'questions: {a: 1}\n', /must be a list/, 'q.yml:1:1'],
  ['not a mapping', '- a\n', /must be a mapping/, 'q.yml:1:1'],
  [
    'bad valid_chars',
    'questions:\n  - variable: a\n    label: A\n    valid_chars: "z-a"\n',
    /not a valid character class/,
    'q.yml:4:5',
  ],
  [
    'subquestion trigger not an option',
    'questions:\n  - variable: a\n    label: A\n    type: enum\n    options: [x]\n    show_subquestion_if: y\n    subquestions:\n      - variable: b\n        label: B\n',
    /never show/,
    'q.yml:2:5',
  ],
  ['malformed yaml', 'questions:\n  - variable: a\n    label: [x\n', /not valid YAML/, 'q.yml:'],
  ['missing file', '', /does not exist/, 'missing.yml'],
];
for (const [name, text, expect, where, extra] of BAD_QUESTIONS) {
  const argv = name === 'missing file' ? ['questions', 'check', 'missing.yml'] : check(extra);
  cases.push({name: `questions check: ${name}`, argv, files: text ? {'q.yml': text} : {}, expect, where});
}
for (const [name, text, expect, where] of BAD_QUESTIONS.filter(([n]) =>
  ['show_if syntax', 'min above max', 'no variable', 'questions not a list'].includes(n),
)) {
  cases.push({
    name: `questions eval of an invalid file: ${name}`,
    argv: ['questions', 'eval', 'q.yml', '--answers', 'a.yaml'],
    files: {'q.yml': text, 'a.yaml': 'a: 1\n'},
    expect,
    where,
  });
}
cases.push({
  name: 'questions eval without --answers',
  argv: ['questions', 'eval', join(CHART, 'questions.yml')],
  expect: /needs --answers/,
  where: '--answers FILE',
});
cases.push({
  name: 'questions: unknown subcommand',
  argv: ['questions', 'lint', 'q.yml'],
  expect: /Unknown questions subcommand 'lint'/,
  where: 'questions check FILE',
});

// 4. Wrong value types (answers files and --set).
const TYPES: Array<[string, unknown, RegExp]> = [
  ['replicaCount', 'three', /expected a whole number/],
  ['replicaCount', true, /expected a whole number/],
  ['replicaCount', 2.5, /expected a whole number/],
  ['replicaCount', [3], /expected a whole number/],
  ['buntime.poolSize', 'lots', /expected a whole number/],
  ['ingress.tls.enabled', 'yes', /expected true or false/],
  ['tursoServer.enabled', 'on', /expected true or false/],
  ['tursoServer.backup.enabled', 1, /expected true or false/],
  ['buntime.logLevel', 'verbose', /not one of the options/],
  ['buntime.authDb.mode', 'remote', /not one of the options/],
  ['plugins.turso.mode', 'Sync', /not one of the options/],
  ['service.type', 'Nodeport', /not one of the options/],
  ['persistence.apps.accessMode', 'RWX', /not one of the options/],
  ['ingress.host', {name: 'x'}, /expected text/],
  ['tursoServer.backup.retentionCount', 'daily', /expected a whole number/],
  ['image', 'nginx:latest', /expected a mapping, got a string/],
  ['autoscaling.enabled', 'true ', /expected a boolean|true or false/],
  ['podDisruptionBudget.enabled', 'no', /expected a boolean/],
  ['imagePullSecrets', 'gitlab-registry', /expected a list, got a string/],
  ['extraEnv', {A: 'b'}, /expected a list, got a mapping/],
  ['resources', 'big', /expected a mapping/],
  ['tursoServer.service.adminPort', '8081x', /expected a number, got a string/],
  ['route.tls.termination', 'Edge', /not one of edge, passthrough, reencrypt.*Did you mean 'edge'/s],
  ['image.pullPolicy', 'always', /not one of Always, IfNotPresent, Never/],
  ['persistence.turso.type', 'hostPath', /not one of pvc, emptyDir/],
];
for (const [path, value, expect] of TYPES)
  cases.push(valueCase(`wrong type: ${path}=${JSON.stringify(value)}`, path, value, expect, path));
for (const [arg, expect, where] of [
  ['replicaCount=abc', /expected a whole number/, 'replicaCount'],
  ['buntime.poolSize=1.5', /expected a whole number/, 'buntime.poolSize'],
  ['ingress.host=b.example.com,ingress.tls.enabled=yes', /expected true or false/, '--set ingress.tls.enabled=yes'],
  ['service.type=Nodeport', /not one of the options/, 'service.type'],
  ['image={a,b}', /expected a mapping, got a list/, 'image'],
  ['imagePullSecrets=gitlab', /expected a list/, 'imagePullSecrets'],
  ['replicaCount.x=1', /single value.*Did you mean 'replicaCount'/s, '--set replicaCount.x=1'],
  ['image[0]=x', /not a list/, '--set image[0]=x'],
] as const) {
  cases.push({name: `wrong type via --set ${arg}`, argv: render('--set', arg), expect, where});
}

// 5. Out-of-range numbers.
const RANGES: Array<[string, number, RegExp]> = [
  ['buntime.poolSize', 0, /below the minimum 1/],
  ['buntime.poolSize', 1001, /above the maximum 1000/],
  ['buntime.poolSize', -5, /below the minimum 1/],
  ['replicaCount', 0, /below the minimum 1/],
  ['replicaCount', 11, /above the maximum 10/],
  ['tursoServer.backup.retentionCount', 400, /above the maximum 365/],
  ['tursoServer.backup.retentionCount', -1, /below the minimum 0/],
  ['service.port', 0, /between 1 and 65535/],
  ['service.port', 70000, /between 1 and 65535/],
  ['buntime.port', 65536, /between 1 and 65535/],
  ['tursoServer.service.dataPort', 0, /between 1 and 65535/],
  ['tursoServer.service.adminPort', 99999, /between 1 and 65535/],
  ['buntime.ephemeralConcurrency', 0, /between 1 and/],
  ['buntime.authDb.syncIntervalSeconds', 0, /between 1 and/],
  ['tursoServer.maxNamespaces', -1, /between 0 and/],
  ['autoscaling.targetCPUUtilizationPercentage', 0, /must be 1–100|between/],
];
for (const [path, value, expect] of RANGES) {
  const extra: Record<string, unknown> = path.startsWith('autoscaling.') ? {'autoscaling.enabled': true} : {};
  const answers = yamlOf({...VALID, ...extra, [path]: value});
  cases.push({
    name: `out of range: ${path}=${value}`,
    argv: render('-f', 'answers.yaml', '-f', 'secrets.yaml'),
    files: {'answers.yaml': answers, 'secrets.yaml': SECRETS},
    expect,
    where: path,
  });
}
for (const arg of [
  'buntime.poolSize=0',
  'buntime.poolSize=5000',
  'replicaCount=0',
  'replicaCount=20',
  'service.port=0',
]) {
  cases.push({
    name: `out of range via --set ${arg}`,
    argv: render('--set', arg),
    expect: /minimum|maximum|between/,
    where: `--set ${arg}`,
  });
}

// 6. Bad host names.
const HOSTS: Array<[string, RegExp]> = [
  ['Buntime.example.com', /upper-case.*buntime\.example\.com/s],
  ['https://buntime.example.com', /without scheme.*buntime\.example\.com/s],
  ['buntime.example.com/app', /without scheme/],
  ['buntime..example.com', /empty label/],
  ['.example.com', /empty label/],
  ['example.com.', /empty label/],
  ['-buntime.example.com', /invalid label/],
  ['buntime-.example.com', /invalid label/],
  ['bun_time.example.com', /invalid label/],
  ['bun time.example.com', /invalid label/],
  ['10.0.0.1', /IP address/],
  ['192.168.1.20', /IP address/],
  ['buntime.*.example.com', /first label/],
  ['*', /first label/],
  ['**.example.com', /invalid label|first label/],
  [`${'a'.repeat(64)}.example.com`, /longer than 63/],
  ['buntime.example.com:8443', /invalid label/],
  ['ümlaut.example.com', /invalid label/],
];
for (const [host, expect] of HOSTS)
  cases.push(valueCase(`bad ingress host ${host}`, 'ingress.host', host, expect, 'ingress.host'));
for (const host of ['Bad.Host', 'a..b', '10.1.1.1', 'x_y.example.com']) {
  const answers = yamlOf({'route.enabled': true, 'route.host': host, 'service.type': 'ClusterIP'});
  cases.push({
    name: `bad route host ${host}`,
    argv: render('-f', 'a.yaml'),
    files: {'a.yaml': answers},
    expect: /route\.host/,
    where: `a.yaml:${lineOf(answers, 'host:')}`,
  });
}

// 7. Sizes that are not Kubernetes quantities.
const SIZES: Array<[string, string, RegExp]> = [
  ['persistence.plugins.size', '10Gb', /10Gi/],
  ['persistence.plugins.size', '5 GB', /5Gi/],
  ['persistence.apps.size', '10GB', /10Gi/],
  ['persistence.apps.size', '1TB', /1Ti/],
  ['persistence.apps.size', 'ten gigs', /not a Kubernetes quantity/],
  ['persistence.state.size', '500mb', /500Mi/],
  ['persistence.state.size', '500MB', /500Mi/],
  ['persistence.turso.size', '-1Gi', /not a Kubernetes quantity/],
  ['persistence.turso.size', '10G i', /not a Kubernetes quantity/],
  ['tursoServer.persistence.size', '5gb', /5Gi/],
  ['tursoServer.persistence.size', '5Gb', /5Gi/],
  ['resources.requests.memory', '256mb', /256Mi/],
  ['resources.limits.memory', '1GB', /1Gi/],
  ['resources.requests.cpu', '250 m', /not a CPU amount[\s\S]*'250m'/],
  ['resources.limits.cpu', 'two', /not a CPU amount/],
  ['resources.limits.cpu', '2Gb', /memory size, not CPU[\s\S]*Did you mean '2'\?/],
  ['tursoServer.resources.limits.memory', '2Gb', /2Gi/],
  ['tursoServer.resources.requests.cpu', '0.2cores', /not a CPU amount[\s\S]*'0.2'/],
  ['ingress.maxBodySize', '100MB', /100m/],
  ['ingress.maxBodySize', '1 GB', /1g/],
  ['ingress.maxBodySize', 'unlimited', /nginx size/],
];
for (const [path, value, expect] of SIZES) cases.push(valueCase(`bad size ${path}=${value}`, path, value, expect));
cases.push({
  name: 'bad size via --set',
  argv: render('--set', 'persistence.apps.size=10Gb'),
  expect: /Did you mean '10Gi'/,
  where: '--set persistence.apps.size=10Gb',
});

// 8. Bad cron schedules.
for (const schedule of [
  '0 2 * *',
  '0 2 * * * *',
  '60 2 * * *',
  '0 24 * * *',
  '0 2 32 * *',
  '0 2 0 * *',
  '0 2 * 13 *',
  '0 2 * * 8',
  'every day',
  '@daily2',
  '*/0 * * * *',
  '0-70 * * * *',
  '0 2 * * mon-xyz',
  '',
  'a b c d e',
]) {
  cases.push(
    valueCase(
      `bad cron ${JSON.stringify(schedule)}`,
      'tursoServer.backup.schedule',
      schedule,
      /not a valid cron schedule.*5 fields/s,
    ),
  );
}

// 9. Bad URLs.
const URLS: Array<[string, string, RegExp]> = [
  ['tursoServer.backup.s3.endpoint', 'minio:9000', /scheme 'minio'/],
  ['tursoServer.backup.s3.endpoint', 'minio.minio.svc:9000', /scheme|not a URL/],
  ['tursoServer.backup.s3.endpoint', 'ftp://minio:21', /scheme 'ftp'/],
  ['tursoServer.backup.s3.endpoint', 'http://', /not a URL|no host/],
  ['tursoServer.backup.s3.endpoint', 'not a url', /not a URL/],
  ['tursoServer.backup.s3.endpoint', 's3://bucket', /scheme 's3'/],
  ['tursoServer.backup.s3.endpoint', 'http//minio:9000', /not a URL|scheme/],
];
for (const [path, value, expect] of URLS) cases.push(valueCase(`bad URL ${path}=${value}`, path, value, expect));
for (const url of ['db.example.com', 'ftp://db.example.com', 'libsql//db', 'http://', 'x y']) {
  const answers = yamlOf({
    'buntime.authDb.mode': 'sync',
    'buntime.authDb.syncUrl': url,
    'plugins.turso.mode': 'sync',
    'plugins.turso.sync.url': url,
  });
  cases.push({
    name: `bad sync URL ${url}`,
    argv: render('-f', 'a.yaml'),
    files: {'a.yaml': answers},
    expect: /buntime\.authDb\.syncUrl .*(not a URL|scheme|no host)/,
    where: `a.yaml:${lineOf(answers, 'syncUrl:')}`,
  });
}

// 10. Unknown --set paths, bad --set syntax, secrets on the command line.
const UNKNOWN_SETS: Array<[string, string | undefined]> = [
  ['ingres.host=x', 'ingress.host'],
  ['replicas=3', 'replicaCount'],
  ['replicacount=3', 'replicaCount'],
  ['image.tags=1', 'image.tag'],
  ['buntime.logLevl=debug', 'buntime.logLevel'],
  ['tursoServer.backups.enabled=true', 'tursoServer.backup.enabled'],
  ['persistence.plugin.size=1Gi', 'persistence.plugins.size'],
  ['service.typ=ClusterIP', 'service.type'],
  ['ingress.tls.enable=true', 'ingress.tls.enabled'],
  ['tursoserver.enabled=true', 'tursoServer.enabled'],
  ['buntime.apiprefix=/x', 'buntime.apiPrefix'],
  ['autoscaling.max=3', 'autoscaling.maxReplicas'],
  ['route.hosts=x', 'route.host'],
  ['plugins.turso.syncUrl=x', undefined],
  ['nodeSelectors.a=b', undefined],
  ['ingress.classname=nginx', 'ingress.className'],
  ['tursoServer.backup.s3.bucketName=x', 'tursoServer.backup.s3.bucket'],
  ['podDisruptionBudget.minAvailble=1', 'podDisruptionBudget.minAvailable'],
  ['buntime.workerDir=/x', 'buntime.workerDirs'],
  ['image.pullpolicy=Always', 'image.pullPolicy'],
];
for (const [arg, suggestion] of UNKNOWN_SETS) {
  cases.push({
    name: `unknown --set ${arg}`,
    argv: render('--set', arg),
    expect: suggestion
      ? new RegExp(`not a value of this chart.*Did you mean '${suggestion.replace(/\./g, '\\.')}'`, 's')
      : /not a value of this chart/,
    where: `--set ${arg}`,
  });
}
for (const arg of [
  'replicaCount',
  'a..b=1',
  'imagePullSecrets[x].name=y',
  'list={a,b',
  '=x',
  'ingress.host',
  'a[0]b=1',
  ',',
]) {
  cases.push({
    name: `bad --set syntax ${JSON.stringify(arg)}`,
    argv: render('--set', arg),
    expect: /--set path\.to\.key=value/,
    where: `--set ${arg}`,
  });
}
for (const path of [
  'buntime.rootKey',
  'buntime.authDb.syncAuthToken',
  'tursoServer.authToken',
  'tursoServer.adminToken',
  'tursoServer.backup.s3.accessKeyId',
  'tursoServer.backup.s3.secretAccessKey',
  'plugins.turso.sync.authToken',
]) {
  cases.push({
    name: `secret in --set ${path}`,
    argv: render('--set', `${path}=s3cr3t-value`),
    expect: /is a secret; --set would leave it in your shell history.*values file with mode 0600/s,
    where: path,
  });
}

// 11. Legacy keys, multi-pod and cross-field mistakes.
const RULE_CASES: Array<[string, Record<string, unknown>, RegExp, string]> = [
  [
    'legacy libsql value',
    {'plugins.database.libsqlUrl': 'http://libsql:8080'},
    /legacy LibSQL/,
    'plugins.database.libsqlUrl',
  ],
  ['legacy libsql env', {extraEnv: [{name: 'DATABASE_LIBSQL_URL', value: 'x'}]}, /legacy LibSQL/, 'extraEnv[0]'],
  ['legacy master key', {'buntime.masterKey': 'abc'}, /old name of buntime\.rootKey/, 'buntime.masterKey'],
  ['legacy litestream', {'tursoServer.litestream.enabled': true}, /Litestream/, 'tursoServer.litestream'],
  [
    'replicas without RWX',
    {...VALID, 'persistence.plugins.accessMode': 'ReadWriteOnce'},
    /needs persistence\.plugins\.accessMode=ReadWriteMany/,
    'persistence.plugins.accessMode',
  ],
  [
    'replicas without turso-server',
    {...VALID, 'tursoServer.enabled': false, 'tursoServer.backup.enabled': false},
    /needs a sync server/,
    'tursoServer.enabled',
  ],
  [
    'replicas without authDb sync',
    {...VALID, 'buntime.authDb.mode': 'local'},
    /needs buntime\.authDb\.mode=sync/,
    'buntime.authDb.mode',
  ],
  [
    'replicas without plugin sync',
    {...VALID, 'plugins.turso.mode': 'local'},
    /needs plugins\.turso\.mode=sync/,
    'plugins.turso.mode',
  ],
  [
    'autoscaling without sync',
    {'autoscaling.enabled': true},
    /autoscaling \(up to 5 pods\) needs/,
    'persistence.plugins.accessMode',
  ],
  [
    'autoscaling min above max',
    {...VALID, 'autoscaling.enabled': true, 'autoscaling.minReplicas': 6, 'autoscaling.maxReplicas': 3},
    /below minReplicas/,
    'autoscaling.maxReplicas',
  ],
  [
    'TLS without issuer',
    {...VALID, 'ingress.tls.clusterIssuer': ''},
    /neither a certificate Secret nor a cert-manager issuer/,
    'ingress.tls.clusterIssuer',
  ],
  [
    'backup without bucket',
    {...VALID, 'tursoServer.backup.s3.bucket': ''},
    /need an S3 bucket/,
    'tursoServer.backup.s3.bucket',
  ],
  [
    'backup bad bucket',
    {...VALID, 'tursoServer.backup.s3.bucket': 'Turso_Backups'},
    /'Turso_Backups' contains 'T', '_', 'B'/,
    'tursoServer.backup.s3.bucket',
  ],
  ['authDb sync without URL', {'buntime.authDb.mode': 'sync'}, /nothing to sync with/, 'buntime.authDb.syncUrl'],
  ['plugin sync without URL', {'plugins.turso.mode': 'sync'}, /TURSO_SYNC_URL_REQUIRED/, 'plugins.turso.sync.url'],
  ['api prefix trailing slash', {'buntime.apiPrefix': '/_/'}, /ends with a slash.*'\/_'/s, 'buntime.apiPrefix'],
  [
    'api prefix without slash',
    {'buntime.apiPrefix': 'api'},
    /does not start with a slash.*'\/api'/s,
    'buntime.apiPrefix',
  ],
  ['go duration in days', {'tursoServer.autoIdleDuration': '7d'}, /Go duration.*168h/s, 'tursoServer.autoIdleDuration'],
  ['go duration garbage', {'tursoServer.gcInterval': 'hourly'}, /not a Go duration/, 'tursoServer.gcInterval'],
  [
    'pull secret as string',
    {imagePullSecrets: ['gitlab-registry']},
    /\{name: gitlab-registry\}/,
    'imagePullSecrets[0]',
  ],
  ['env without name', {extraEnv: [{value: 'x'}]}, /needs a valid name/, 'extraEnv[0]'],
  ['same turso ports', {'tursoServer.service.adminPort': 8080}, /both 8080/, 'tursoServer.service.adminPort'],
  ['turso without tokens', {'tursoServer.enabled': true}, /authToken is empty/, 'tursoServer.authToken'],
  [
    'autoscaling target',
    {...VALID, 'autoscaling.enabled': true, 'autoscaling.targetMemoryUtilizationPercentage': 150},
    /must be 1–100/,
    'autoscaling.targetMemoryUtilizationPercentage',
  ],
];
for (const [name, dotted, expect, where] of RULE_CASES) {
  // Cases built on VALID get its secrets too, so the one change is the only error.
  const usesSecrets = Object.keys(VALID).every((key) => key in dotted);
  cases.push({
    name: `rule: ${name}`,
    argv: render('-f', 'a.yaml', ...(usesSecrets ? ['-f', 'secrets.yaml'] : [])),
    files: {'a.yaml': yamlOf(dotted), ...(usesSecrets ? {'secrets.yaml': SECRETS} : {})},
    expect,
    where,
  });
}

// A value a question would hide is still checked when a preset sets it (presets are not answers).
cases.push({
  name: 'rule: backup without turso (from a preset)',
  argv: render('--preset', './p.yaml'),
  files: {'p.yaml': 'name: p\nvalues:\n  tursoServer:\n    backup:\n      enabled: true\n'},
  expect: /nothing to back up/,
  where: 'tursoServer.enabled',
});

// 12. Names, chart and output arguments.
cases.push({
  name: 'release name with capitals',
  argv: render('--release', 'Prod'),
  expect: /--release 'Prod' must be lower-case/,
  where: 'Prod',
});
cases.push({
  name: 'release name too long',
  argv: render('--release', 'r'.repeat(54)),
  expect: /Helm allows at most 53/,
  where: 'r'.repeat(54),
});
cases.push({
  name: 'release too long for turso names',
  argv: render('--release', `${'x'.repeat(40)}-buntime`, '-f', 'answers.yaml', '-f', 'secrets.yaml'),
  files: {'answers.yaml': yamlOf(VALID), 'secrets.yaml': SECRETS},
  expect: /CronJob .* \(max 52: .*must be at most 39 characters/s,
  where: `${'x'.repeat(40)}-buntime-turso-backup`,
});
cases.push({
  name: 'fullnameOverride invalid',
  argv: render('--set', 'fullnameOverride=9app'),
  expect: /not a valid name/,
  where: 'fullnameOverride',
});
cases.push({
  name: 'chart dir missing',
  argv: ['render', '--chart', 'nope', '-o', 'out/values.yaml'],
  expect: /chart directory nope does not exist/,
  where: 'nope',
});
cases.push({
  name: 'chart dir without values.yaml',
  argv: ['render', '--chart', 'out', '-o', 'out/values.yaml'],
  expect: /has no values\.yaml/,
  where: 'out',
});
cases.push({
  name: 'output to stdout',
  argv: render().slice(0, 3).concat(['-o', '-']),
  expect: /-o - is not supported/,
  where: '-o',
});
cases.push({name: 'values file is a directory', argv: render('-f', 'out'), expect: /is a directory/, where: 'out'});
cases.push({
  name: 'values file missing',
  argv: render('-f', 'missing.yaml'),
  expect: /missing\.yaml does not exist/,
  where: 'missing.yaml',
});
cases.push({
  name: 'several problems reported together',
  argv: render('-f', 'missing.yaml', '--set', 'x', '--preset', 'k3'),
  expect: /3 problems.*Unknown preset 'k3'.*missing\.yaml.*--set x/s,
  where: '--preset k3',
});

describe('bad inputs: exit 2, a located message with a fix, nothing written', () => {
  it('has at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
  });

  it('the valid base renders cleanly (so each case fails because of its one change)', async () => {
    const dir = scratchDir('bd-bad-');
    writeFileSync(join(dir, 'answers.yaml'), yamlOf(VALID));
    writeFileSync(join(dir, 'secrets.yaml'), SECRETS);
    mkdirSync(join(dir, 'out'));
    const io = captureIo({cwd: dir});
    const code = await main(render('-f', 'answers.yaml', '-f', 'secrets.yaml'), io);
    // No finding at all; the one note says helm 3's flags were assumed (no helm on this PATH).
    expect(io.err().replace(/^Note: helm was not found here.*\n/m, '')).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['values.secrets.yaml', 'values.yaml']);
  });

  it.each(cases.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const dir = scratchDir('bd-bad-');
    for (const [name, content] of Object.entries(item.files ?? {})) writeFileSync(join(dir, name), content);
    mkdirSync(join(dir, 'out'));
    const before = snapshot(dir);
    const io = captureIo({cwd: dir});
    const code = await main(item.argv, io);
    const output = `${io.out()}${io.err()}`;
    expect(code, output).toBe(2);
    expect(output).toMatch(item.expect);
    expect(output).toContain(item.where);
    expect(output, 'says how to fix it').toMatch(/→|Hint:|Did you mean/);
    expect(output).not.toMatch(/Unexpected error|at .*\.ts:\d+/);
    expect(output).not.toMatch(
      /s3cr3t-value|root-key-value|data-token-value|admin-token-value|secret-key-value|access-key-value/,
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

/** Every file under dir with its content and mode: the "nothing written" check. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        out[`${relative(dir, path)}/`] = 'dir';
        walk(path);
      } else out[relative(dir, path)] = `${(stat.mode & 0o777).toString(8)}:${readFileSync(path, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

/**
 * The adversarial pass (issue 14), through the real CLI entry: values parsed the way helm parses
 * them, checks at least as strict as the chart's values.schema.json and Kubernetes, one secret
 * policy, all-or-nothing writes, bounded work and no stack traces. Every bad input exits 2, names
 * where, and writes nothing; every secret stays out of every output and the committed file.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {captureIo} from '../helpers/io.js';
import {scratchDir} from '../helpers/scratch.js';

const FIXTURE_CHART = fileURLToPath(new URL('../fixtures/chart', import.meta.url));
/** The one secret value of these cases: no output and no committed file may ever contain it. */
const S = 'Zq7-SECRET-value';

interface Run {
  readonly code: number;
  readonly output: string;
  readonly dir: string;
  readonly files: Record<string, string>;
}

async function run(argv: readonly string[], files: Record<string, string> = {}, input?: string): Promise<Run> {
  const dir = scratchDir('bd-robust-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), {recursive: true});
    writeFileSync(join(dir, name), content);
  }
  mkdirSync(join(dir, 'out'), {recursive: true});
  const io = captureIo({cwd: dir, ...(input !== undefined ? {input} : {})});
  const code = await main(argv, io);
  return {code, output: `${io.out()}${io.err()}`, dir, files: snapshot(dir)};
}

/** Every file under dir with its content and mode: the "nothing written" check. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = statSync(path, {throwIfNoEntry: false});
      if (!stat) out[relative(dir, path)] = 'dangling';
      else if (stat.isDirectory()) {
        out[`${relative(dir, path)}/`] = 'dir';
        walk(path);
      } else if (stat.isFile())
        out[relative(dir, path)] = `${(stat.mode & 0o777).toString(8)}:${readFileSync(path, 'utf8')}`;
      else out[relative(dir, path)] = 'special';
    }
  };
  walk(dir);
  return out;
}

function expectRefused(result: Run, where: string | RegExp, inputs: Record<string, string> = {}): void {
  expect(result.code, result.output).toBe(2);
  if (typeof where === 'string') expect(result.output).toContain(where);
  else expect(result.output).toMatch(where);
  expect(result.output, 'no stack trace').not.toMatch(/Unexpected error|\n\s+at .*:\d+:\d+/);
  expect(result.output, 'says how to fix it').toMatch(/→|Hint:|Did you mean/);
  expect(result.output).not.toContain(S);
  // Nothing written: only the inputs and the empty out/ directory.
  expect(Object.keys(result.files).sort()).toEqual(['out/', ...Object.keys(inputs)].sort());
}

/** turso-server with backups on, up to `s3:` (append endpoint lines indented by 6). */
const BACKUP =
  'tursoServer:\n  enabled: true\n  authToken: a-token-value\n  adminToken: b-token-value\n  backup:\n    enabled: true\n    s3:\n      accessKeyId: c-key-value\n      secretAccessKey: d-key-value\n';

const render = (...extra: string[]): string[] => ['render', '-o', 'out/values.yaml', ...extra];

describe('values are read the way helm reads them', () => {
  it('a merge key (<<) counts: replicaCount 3 through <<: is checked as 3 replicas', async () => {
    const files = {'a.yaml': '<<: {replicaCount: 3}\n'};
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, /replicaCount|ReadWriteMany/, files);
  });

  it('a valid merge is written resolved (no << in the committed file)', async () => {
    const files = {
      'a.yaml': 'persistence:\n  plugins: &vol\n    size: 2Gi\n  apps:\n    <<: *vol\n    storageClass: nfs\n',
    };
    const result = await run(render('-f', 'a.yaml'), files);
    expect(result.code, result.output).toBe(0);
    const written = parse(result.files['out/values.yaml']?.split(':').slice(1).join(':') ?? '') as Record<
      string,
      unknown
    >;
    expect(written).toMatchObject({persistence: {plugins: {size: '2Gi'}, apps: {size: '2Gi', storageClass: 'nfs'}}});
    expect(result.files['out/values.yaml']).not.toContain('<<');
  });

  it('a bad value that arrives through a merge key is located at the merging key', async () => {
    const files = {'a.yaml': 'persistence:\n  plugins: &vol\n    size: 2Gi\n  apps:\n    <<: {size: 10GB}\n'};
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, 'a.yaml:5:10', files);
  });

  it.each([
    ['podDisruptionBudget', 'yes', 'enabled: true'],
    ['podDisruptionBudget', 'on', 'enabled: true'],
    ['tursoServer.networkPolicy', 'Off', 'enabled: false'],
    ['tursoServer.networkPolicy', 'n', 'enabled: false'],
  ])('YAML 1.1 booleans: %s.enabled: %s is written %s, as helm reads it', async (path, text, written) => {
    const turso = 'tursoServer.enabled: true\ntursoServer.authToken: a-token\ntursoServer.adminToken: b-token\n';
    const files = {'a.yaml': `${path.startsWith('turso') ? turso : ''}${path}.enabled: ${text}\n`};
    const result = await run(render('-f', 'a.yaml'), files);
    expect(result.code, result.output).toBe(0);
    expect(result.files['out/values.yaml']).toContain(written);
  });

  it('an octal number is the number helm sees (0100 = 64), and written as such', async () => {
    const result = await run(render('-f', 'a.yaml'), {'a.yaml': 'buntime:\n  poolSize: 0100\n'});
    expect(result.code, result.output).toBe(0);
    expect(result.files['out/values.yaml']).toContain('poolSize: 64');
  });

  it.each([
    ['.inf', 'a.yaml:2:3'],
    ['-.Inf', 'a.yaml:2:3'],
    ['.nan', 'a.yaml:2:3'],
  ])('%s is refused at file:line (helm cannot read it)', async (text, where) => {
    const files = {'a.yaml': `buntime:\n  poolSize: ${text}\n`};
    expectRefused(await run(render('-f', 'a.yaml'), files), where, files);
  });

  it('an anchor that contains itself is refused, located', async () => {
    const files = {'a.yaml': 'ingress:\n  annotations: &x\n    self: *x\n'};
    expectRefused(await run(render('-f', 'a.yaml'), files), /a\.yaml:\d+:\d+.*contains it/s, files);
  });
});

describe('checks at least as strict as values.schema.json and Kubernetes', () => {
  it.each([
    ['persistence.apps.size=1e3', /exponent.*Did you mean '1000'/s],
    ['persistence.apps.size=+1Gi', /Did you mean '1Gi'/],
    ['persistence.apps.size=.5Gi', /Did you mean '0.5Gi'/],
    ['persistence.apps.size=10m', /milli-bytes.*Did you mean '10Mi'/s],
    ['persistence.apps.size=0', /greater than zero/],
    ['persistence.plugins.size=0Gi', /greater than zero/],
    ['persistence.state.size=0.0', /greater than zero/],
    ['persistence.state.size= 1Gi', /white space/],
    ['persistence.apps.storageClass=Bad_SC', /storageClass/],
    ['persistence.turso.storageClass=a..b', /storageClass/],
    [`persistence.state.storageClass=${'a'.repeat(254)}`, /at most 253/],
    ['nameOverride=Bad_Name', /nameOverride/],
    ['nameOverride=-x', /nameOverride/],
    [`nameOverride=${'a'.repeat(64)}`, /at most 63/],
    ['fullnameOverride=9app', /fullnameOverride/],
    ['image.repository=UPPER/Case', /image\.repository/],
    ['image.repository=ghcr.io/Djalmajr/buntime', /image\.repository/],
    ['image.repository=ghcr.io//buntime', /image\.repository/],
    ['image.repository=ghcr.io/buntime:1.0', /image\.repository/],
    ['image.repository=a b', /image\.repository/],
    ['tursoServer.enabled=true,tursoServer.image.repository=Turso', /tursoServer\.image\.repository/],
    ['image.tag=-bad', /image\.tag/],
    ['image.tag=a/b', /image\.tag/],
    [`image.tag=${'a'.repeat(129)}`, /image\.tag/],
    ['tursoServer.securityContext.runAsUser=-1', /below the minimum 0/],
    ['tursoServer.securityContext.fsGroup=-5', /below the minimum 0/],
    ['serviceAccount.name=Bad_SA', /serviceAccount\.name/],
    ['ingress.className=Nginx_Class', /ingress\.className/],
    ['ingress.host=a.example.com,ingress.tls.enabled=true,ingress.tls.secretName=my_tls', /ingress\.tls\.secretName/],
    ['buntime.existingSecret=My-Secret', /buntime\.existingSecret/],
    ['imagePullSecrets[0].name=Gitlab_Registry', /imagePullSecrets\[0\]\.name/],
    ['service.port=70000', /65535/],
    ['podDisruptionBudget.enabled=true,podDisruptionBudget.minAvailable=50%%', /podDisruptionBudget\.minAvailable/],
    ['ingress.path=api', /ingress\.path/],
  ])('--set %s is refused before anything is written', async (arg, expected) => {
    const result = await run(render('--set', arg));
    expectRefused(result, expected);
  });

  it('the same checks apply to values files, located at file:line', async () => {
    const files = {
      'a.yaml': 'persistence:\n  apps:\n    size: 10m\n    storageClass: Bad_SC\nimage:\n  repository: UPPER/Case\n',
    };
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, 'a.yaml:3:5', files);
    expect(result.output).toContain('a.yaml:4:5');
    expect(result.output).toContain('a.yaml:6:3');
    expect(result.output).toMatch(/3 errors/);
  });

  it('a valid configuration with every such field set still renders', async () => {
    const files = {
      'a.yaml': [
        'nameOverride: app',
        'image: {repository: "localhost:5000/team/buntime", tag: "1.2.3_rc-1"}',
        'imagePullSecrets: [{name: gitlab-registry}]',
        'serviceAccount: {name: buntime.sa}',
        'ingress: {className: nginx, tls: {secretName: web-tls}}',
        'persistence: {apps: {size: 0.5Gi, storageClass: "-"}, state: {size: 100M}}',
        '',
      ].join('\n'),
    };
    const result = await run(render('-f', 'a.yaml'), files);
    expect(result.code, result.output).toBe(0);
  });
});

describe('one secret policy: never echoed, never committed, never on argv', () => {
  it.each([
    [`buntime.rootKey=${S},x`, '--set buntime.rootKey=••••••••'],
    [`buntime.rootKey={${S}`, '--set buntime.rootKey=••••••••'],
    [`buntime.rootkey=${S}`, /buntime\.rootkey is written like the secret buntime\.rootKey/],
    [`buntime.rootKye=${S}`, /written like the secret buntime\.rootKey/],
    [`buntime.root_key=${S}`, /written like the secret buntime\.rootKey/],
    [`tursoServer.backup.s3.SecretAccessKey=${S}`, /written like the secret tursoServer\.backup\.s3\.secretAccessKey/],
    [`buntime\\.rootKey=${S}`, /written like the secret/],
    [`replicaCount=2,tursoServer.authToken=${S}`, 'tursoServer.authToken is a secret'],
    [`extraEnv[0].name=RUNTIME_ROOT_KEY,extraEnv[0].value=${S}`, /value of extraEnv\[0\]\.value is a secret/],
    [`tursoServer.backup.s3.endpoint=http://AK:${S}@minio:9000`, /credentials in a URL/],
    [`buntime.authDb.syncUrl=libsql://u:${S}@db:8080`, /credentials in a URL/],
  ])('--set %s is refused without repeating the secret', async (arg, expected) => {
    const result = await run(render('--set', arg));
    expectRefused(result, expected);
    expect(result.output).not.toContain(S.slice(0, 12));
  });

  it('a secret in a --set that does not even parse is masked in the error', async () => {
    const result = await run(render('--set', `tursoServer.adminToken=${S},broken`, '--set', 'x'));
    expectRefused(result, /--set tursoServer\.adminToken=••••••••/);
  });

  it.each([
    [
      'an env entry named like a secret',
      `extraEnv:\n  - name: RUNTIME_ROOT_KEY\n    value: ${S}\n  - name: LOG\n    value: x\n`,
    ],
    ['a camelCase password env', `extraEnv:\n  - name: dbPassword\n    value: ${S}\n`],
    ['URL credentials', `${BACKUP}      endpoint: http://AK:${S}@minio:9000\n`],
    ['URL credentials in an env value', `extraEnv:\n  - name: DATABASE_URL\n    value: postgres://app:${S}@db/x\n`],
  ])('%s goes to the 0600 secrets file, not the committed one', async (_name, text) => {
    const result = await run(render('-f', 'a.yaml'), {'a.yaml': text});
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain(S);
    expect(result.files['out/values.yaml']).not.toContain(S);
    expect(result.files['out/values.secrets.yaml']).toMatch(new RegExp(`^600:.*${S}`, 's'));
  });

  it('a key written like a secret is refused by the schema without echoing its value', async () => {
    const files = {'a.yaml': `buntime:\n  rootkey: ${S}\n`};
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, /buntime\.rootkey.*Did you mean 'buntime\.rootKey'/s, files);
  });

  it('without a schema the near-miss key is kept out of the committed file anyway', async () => {
    const result = await run(render('--chart', FIXTURE_CHART, '-f', 'a.yaml'), {
      'a.yaml': `buntime:\n  rootkey: ${S}\n`,
    });
    expect(result.output).not.toContain(S);
    expect(result.files['out/values.yaml'] ?? '').not.toContain(S);
  });

  it.each([
    ['0123456789012345678', '0123456789012345678'],
    ['12345678901234567890', '12345678901234567890'],
    ['yes', 'yes'],
    ['1e3', '1e3'],
    ['0x1F', '0x1F'],
  ])('a secret is the string given: %s stays %s', async (text, expected) => {
    const result = await run(render('-f', 's.yaml'), {'s.yaml': `buntime:\n  rootKey: ${text}\n`});
    expect(result.code, result.output).toBe(0);
    const secrets = parse(result.files['out/values.secrets.yaml']?.slice(4) ?? '', {version: '1.1'}) as {
      buntime: {rootKey: unknown};
    };
    expect(secrets.buntime.rootKey).toBe(expected);
    expect(result.output).not.toContain(expected);
  });

  it('a wrong-scheme URL with credentials is refused without showing them (not even in "did you mean")', async () => {
    const files = {'a.yaml': `${BACKUP}      endpoint: ftp://AK:${S}@minio:21\n`};
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, /scheme 'ftp'/, files);
  });

  it('render --json masks every kind of secret', async () => {
    const result = await run(['render', '--json', '-f', 'a.yaml'], {
      'a.yaml': `extraEnv: [{name: API_TOKEN, value: ${S}}]\ntursoServer: {backup: {s3: {endpoint: "http://AK:${S}@m:9000"}}}\n`,
    });
    expect(result.output).not.toContain(S);
  });
});

describe('writes are all or nothing; a bad -o is exit 2 naming the path', () => {
  const SECRET_FILE = {'s.yaml': `buntime:\n  rootKey: ${S}\n`};

  it('-o onto a directory', async () => {
    const result = await run(['render', '-o', 'out', '-f', 's.yaml'], SECRET_FILE);
    expectRefused(result, /out is a directory/, SECRET_FILE);
  });

  it('-o whose secrets sibling is a directory writes neither file', async () => {
    const result = await run(['render', '-o', 'v/values.yaml', '-f', 's.yaml'], {
      ...SECRET_FILE,
      'v/values.secrets.yaml/keep': '',
    });
    expect(result.code, result.output).toBe(2);
    expect(result.output).toContain('v/values.secrets.yaml is a directory');
    expect(Object.keys(result.files).sort()).toEqual([
      'out/',
      's.yaml',
      'v/',
      'v/values.secrets.yaml/',
      'v/values.secrets.yaml/keep',
    ]);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('-o into a directory that does not exist', async () => {
    const result = await run(['render', '-o', 'nope/values.yaml', '-f', 's.yaml'], SECRET_FILE);
    expectRefused(result, /nope\/values\.yaml does not exist/, SECRET_FILE);
  });

  it('-o below a file', async () => {
    const files = {...SECRET_FILE, plain: 'x'};
    const result = await run(['render', '-o', 'plain/values.yaml', '-f', 's.yaml'], files);
    expectRefused(result, /plain\/values\.yaml/, files);
  });

  it('an existing pair is replaced together, and kept together when the second cannot be', async () => {
    const files = {
      ...SECRET_FILE,
      'v/values.yaml': 'old public\n',
    };
    const first = await run(['render', '-o', 'v/values.yaml', '-f', 's.yaml'], files);
    expect(first.code, first.output).toBe(0);
    expect(Object.keys(first.files).sort()).toEqual(['out/', 's.yaml', 'v/', 'v/values.secrets.yaml', 'v/values.yaml']);
  });
});

describe('interrupts', () => {
  it('render stopped before it wrote writes nothing (exit 130)', async () => {
    const dir = scratchDir('bd-robust-');
    writeFileSync(join(dir, 's.yaml'), `buntime:\n  rootKey: ${S}\n`);
    const controller = new AbortController();
    controller.abort(new Error('SIGTERM'));
    const io = captureIo({cwd: dir});
    const code = await main(['render', '-o', 'values.yaml', '-f', 's.yaml'], io, {signal: controller.signal});
    expect(code, io.err()).toBe(130);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
    expect(io.out() + io.err()).not.toContain(S);
  });
});

describe('bounded work', () => {
  it('20,000 top-level keys: one answer, a bounded report', async () => {
    const keys = Array.from({length: 20_000}, (_, index) => `key${index}: ${index}`).join('\n');
    const files = {'a.yaml': `${keys}\n`};
    const result = await run(render('-f', 'a.yaml'), files);
    expectRefused(result, /and 19980 more keys/, files);
    expect(result.output.length).toBeLessThan(20_000);
  });

  it('20,000 flat Rancher-style keys are expanded in linear time', async () => {
    const keys = Array.from({length: 20_000}, (_, index) => `ingress.annotations.k${index}: v`).join('\n');
    const result = await run(render('-f', 'a.yaml'), {'a.yaml': `${keys}\n`});
    expect(result.code, result.output).toBe(0);
  });

  it('valid_chars ^(a+)+$ against aaaa…a! ends at once (linear-time matcher)', async () => {
    const files = {
      'q.yml': 'questions:\n  - variable: a\n    label: A\n    valid_chars: "^(a+)+$"\n',
      'ans.yaml': `a: "${'a'.repeat(5000)}!"\n`,
    };
    const result = await run(['questions', 'eval', 'q.yml', '--answers', 'ans.yaml'], files);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/invalid_chars/);
  });

  it('a valid_chars the safe matcher cannot run is a lint error, not a hang', async () => {
    const files = {'q.yml': 'questions:\n  - variable: a\n    label: A\n    valid_chars: "^(a)\\\\1$"\n'};
    expectRefused(await run(['questions', 'check', 'q.yml'], files), /back-references/, files);
  });

  it('/dev/zero as a values file is refused without reading it all', async () => {
    expectRefused(await run(render('-f', '/dev/zero')), /\/dev\/zero is larger than 4\.0 MiB/);
  });

  it('a 6 MB values file is refused from its size', async () => {
    const files = {'big.yaml': `a: "${'x'.repeat(6 * 1024 * 1024)}"\n`};
    expectRefused(await run(render('-f', 'big.yaml'), files), /big\.yaml is larger than 4\.0 MiB \(6\.0 MiB\)/, files);
  });

  it('stdin larger than the limit is refused', async () => {
    expectRefused(await run(render('-f', '-'), {}, 'x'.repeat(5 * 1024 * 1024)), /<stdin> is larger than/);
  });

  it.each([
    ['flow', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['block sequences', `${'- '.repeat(5000)}x\n`],
    ['indentation', `${Array.from({length: 500}, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')} 1\n`],
  ])('YAML nested 5,000 deep (%s) is refused, located', async (_name, text) => {
    const files = {'deep.yaml': text};
    expectRefused(await run(render('-f', 'deep.yaml'), files), /deep\.yaml:\d+:\d+.*nest/s, files);
  });

  it('an alias bomb is refused', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let index = 1; index < 9; index++) {
      const prev = String.fromCharCode(96 + index);
      const name = String.fromCharCode(97 + index);
      lines.push(
        `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    const files = {'bomb.yaml': `${lines.join('\n')}\n`};
    expectRefused(await run(render('-f', 'bomb.yaml'), files), /bomb\.yaml/, files);
  });
});

describe('no stack traces for bad input', () => {
  it('a --set path 100,000 levels deep', async () => {
    expectRefused(await run(render('--set', `${'a.'.repeat(100_000)}b=1`)), /more than 64 levels/);
  });

  it('a --set of 100,000 list indexes', async () => {
    expectRefused(await run(render('--set', `imagePullSecrets${'[0]'.repeat(100_000)}=1`)), /more than 64 levels/);
  });

  it.each([
    ['plain', `${'a.'.repeat(100_000)}b: 1\n`, /a\.yaml:1:1/],
    ['explicit', `? "${'a.'.repeat(100_000)}b"\n: 1\n`, /\d+ characters\).*not a value of this chart/s],
  ])('a flat key 100,000 levels deep in a values file (%s)', async (_name, text, expected) => {
    const files = {'a.yaml': text};
    expectRefused(await run(render('-f', 'a.yaml'), files), expected, files);
  });

  it('show_if with 10,000 nested parentheses', async () => {
    const files = {
      'q.yml': `questions:\n  - variable: a\n    label: A\n    show_if: "${'('.repeat(10_000)}b=1${')'.repeat(10_000)}"\n`,
    };
    expectRefused(await run(['questions', 'check', 'q.yml'], files), /nested more than 32 deep/, files);
  });

  it('a show_if chain 5,000 questions long', async () => {
    const questions = Array.from(
      {length: 5000},
      (_, index) => `  - variable: q${index}\n    label: Q\n${index < 4999 ? `    show_if: q${index + 1}=1\n` : ''}`,
    ).join('');
    const files = {'q.yml': `questions:\n${questions}`};
    const result = await run(['questions', 'check', 'q.yml'], files);
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(result.output).not.toMatch(/Unexpected error|\n\s+at .*:\d+:\d+/);
  });

  it.each([
    [
      'a dangling link',
      (dir: string) => symlinkSync(join(dir, 'nowhere'), join(dir, 'chart/templates/x.yaml')),
      /is a link to nothing/,
    ],
    ['a directory', (dir: string) => mkdirSync(join(dir, 'chart/templates/x.yaml')), /is a directory/],
    [
      'a FIFO (would block for ever)',
      (dir: string) => execFileSync('mkfifo', [join(dir, 'chart/templates/x.yaml')]),
      /is not a regular file/,
    ],
    [
      'an unreadable file',
      (dir: string) => {
        writeFileSync(join(dir, 'chart/templates/x.yaml'), 'a: 1\n');
        chmodSync(join(dir, 'chart/templates/x.yaml'), 0);
        // root reads anything: make it unreadable for root too.
        if (process.getuid?.() === 0) symlinkSync('/proc/1/mem', join(dir, 'chart/templates/y.yaml'));
      },
      /x\.yaml is not readable|y\.yaml (is not a regular file|cannot be read|is not readable)/,
    ],
  ])('lint of a chart with %s in templates/', async (_name, make, expected) => {
    const dir = scratchDir('bd-lint-');
    mkdirSync(join(dir, 'chart/templates'), {recursive: true});
    writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart/values.yaml'), '{}\n');
    make(dir);
    const io = captureIo({cwd: dir});
    const code = await main(['lint', 'chart'], io);
    const output = `${io.out()}${io.err()}`;
    expect(code, output).toBe(2);
    expect(output).toMatch(expected);
    expect(output).not.toMatch(/Unexpected error|\n\s+at /);
  });
});

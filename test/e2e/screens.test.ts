/**
 * The screenshot harness: the built CLI driven in tmux as a person would, at 60×20, 80×24, 100×30
 * and 120×40, through every screen (Start, questions, Review, Apply, Result, the live screen with
 * its help, details, logs, info and the backup confirmation), each capture held to the layout rule
 * (test/helpers/screen-checks.ts). Two releases, one per size group: day zero at one size, then an
 * upgrade (with the pre-upgrade backup) at the other, so each install serves two sizes.
 *
 * Every capture is written to BUNTIME_SCREENS_DIR when set (kept, for a person to read), else to
 * a scratch directory; a failing check prints the screen it failed on.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createNamespace, getCluster} from '../cluster/harness.js';
import {screenProblems} from '../helpers/screen-checks.js';
import {scratchDir} from '../helpers/scratch.js';
import {typeHidden} from '../helpers/tmux-history.js';
import {TmuxSession} from '../helpers/tmux.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'buntime-deploy.js');
const ARTIFACTS = process.env['BUNTIME_SCREENS_DIR'] ?? scratchDir('bd-screens-');

interface Size {
  readonly columns: number;
  readonly rows: number;
}

const sessions: TmuxSession[] = [];
afterAll(() => {
  for (const session of sessions) session.stop();
});

/** One person at one terminal size: drives the CLI, captures and checks each screen. */
class Walk {
  private shot = 0;
  readonly tmux = new TmuxSession();
  readonly label: string;
  readonly dir: string;

  constructor(
    readonly size: Size,
    readonly inputs: string[],
    private readonly home: string,
    private readonly helm: string,
  ) {
    this.label = `${size.columns}x${size.rows}`;
    this.dir = join(ARTIFACTS, this.label);
    mkdirSync(this.dir, {recursive: true});
    sessions.push(this.tmux);
  }

  start(args: string): void {
    const cluster = getCluster();
    this.tmux.start(`env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} ${args} --timeout 3m`, {
      cwd: this.home,
      columns: this.size.columns,
      rows: this.size.rows,
      env: {
        KUBECONFIG: cluster.kubeconfig,
        PATH: cluster.env['PATH'] ?? '',
        HOME: this.home,
        BUNTIME_DEPLOY_HELM: this.helm,
        FORCE_COLOR: '0',
      },
    });
  }

  /** The visible screen with the lines the terminal wrapped joined again (overflow shows as width). */
  joined(): string {
    return execFileSync('tmux', ['-L', this.tmux.socket, 'capture-pane', '-p', '-J', '-t', this.tmux.name], {
      encoding: 'utf8',
    });
  }

  /** Captures the screen as `name`, keeps it, and holds it to the layout rule. */
  check(name: string, options: {keys: boolean}): string {
    const screen = this.joined();
    const file = join(this.dir, `${String(++this.shot).padStart(2, '0')}-${name}.txt`);
    writeFileSync(file, screen);
    const problems = screenProblems(screen, {columns: this.size.columns, keys: options.keys, inputs: this.inputs});
    expect(problems, `${this.label} ${name} (${file}):\n${screen}`).toEqual([]);
    return screen;
  }

  async waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    return this.tmux.waitFor(text, timeoutMs);
  }

  /** Answers the active prompt labelled `label` (inquirer shows `? label` while it waits). */
  async answer(label: string, ...keys: Array<string | {type: string} | {hidden: string}>): Promise<void> {
    await this.waitFor(`? ${label}`);
    for (const key of keys) {
      if (typeof key === 'string') this.tmux.send([key]);
      else if ('type' in key) this.tmux.type(key.type);
      else typeHidden(this.tmux, key.hidden);
    }
  }

  /** A screen that may be paged: checks its first page and its end, then leaves it with Enter. */
  async paged(name: string, done: RegExp): Promise<void> {
    const screen = await this.waitFor(done, 300_000);
    if (/enter (continue|done)/.test(screen)) {
      this.check(`${name}-top`, {keys: true});
      this.tmux.send(['End']);
      await this.waitFor(/── \d+-(\d+)\/\1 /);
      this.check(`${name}-end`, {keys: true});
      this.tmux.send(['?']);
      await this.waitFor('? esc close');
      this.check(`${name}-keys`, {keys: true});
      this.tmux.send(['Escape']);
      await this.waitFor(/enter (continue|done)/);
      this.tmux.send(['Enter']);
    } else {
      this.check(name, {keys: false});
    }
  }

  /** The live screen: panes, ? help, details, logs, info and the backup confirmation, then q. */
  async liveScreen(): Promise<void> {
    await this.waitFor(/● live[\s\S]*buntime-0 /, 60_000);
    this.check('live', {keys: true});
    this.tmux.send(['?']);
    await this.waitFor('Keys in the panes');
    this.check('live-help', {keys: true});
    this.tmux.send(['Escape']);
    await this.waitFor('▸ Pods');
    this.tmux.send(['Enter']);
    await this.waitFor('Pod buntime-0 (runtime)');
    this.check('live-details', {keys: true});
    this.tmux.send(['Escape']);
    await this.waitFor('▸ Pods');
    this.tmux.send(['l']);
    await this.waitFor(/Logs of buntime-0 \(\d+ lines\)/);
    this.check('live-logs', {keys: true});
    this.tmux.send(['Escape']);
    await this.waitFor('▸ Pods');
    this.tmux.send(['i']);
    await this.waitFor('Data sources');
    this.check('live-info', {keys: true});
    this.tmux.send(['Escape']);
    await this.waitFor('▸ Pods');
    this.tmux.send(['Tab']);
    await this.waitFor('▸ Turso namespaces');
    // kwok runs no turso-server: the admin API is unreachable, a real error to read in full.
    await this.waitFor('✖ Cannot reach the turso-server admin API', 60_000);
    this.tmux.send(['Enter']);
    await this.waitFor('turso-server admin API');
    this.check('live-admin-error', {keys: true});
    this.tmux.send(['Escape']);
    // Typed faster than a frame: a name, then ten DEL bytes, each in one write to the terminal.
    this.tmux.send(['c']);
    await this.waitFor('New namespace name:');
    this.tmux.type('abcdefghijkl');
    await this.waitFor(/New namespace name: abcdefghijkl *\n/);
    this.tmux.type('\u007f'.repeat(10));
    await this.waitFor(/New namespace name: ab *\n/);
    this.check('live-prompt', {keys: false});
    this.tmux.send(['Escape']);
    await this.waitFor(/\? keys/);
    this.tmux.send(['b']);
    await this.waitFor('Run a backup now (a Job from');
    this.check('live-backup-confirm', {keys: false});
    this.tmux.send(['y']);
    await this.waitFor(/Started backup job buntime-turso-backup-manual-\w+/);
    await this.waitFor(/job buntime-turso-backup-manual-\w+ succeeded/, 60_000);
    this.check('live-backup-done', {keys: true});
    this.tmux.send(['Enter']); // the new Job is selected
    await this.waitFor(/Backup job buntime-turso-backup-manual-\w+ \(manual\)/);
    this.check('live-job', {keys: true});
    this.tmux.send(['Escape', 'Home', 'Enter']);
    await this.waitFor('Backups: CronJob buntime-turso-backup');
    this.check('live-backups', {keys: true});
    this.tmux.send(['q']);
    expect(await this.tmux.exitCode(30_000)).toBe(0);
  }
}

/** Day zero: k3s preset (suggested), an Ingress with cert-manager TLS, RWX volumes, turso-server, backups. */
async function dayZero(walk: Walk, namespace: string, values: {host: string; bucket: string}): Promise<void> {
  const cluster = getCluster();
  walk.start(`--namespace ${namespace}`);
  await walk.waitFor('What do you want to do?', 60_000);
  walk.check('start', {keys: true});
  walk.tmux.send(['?']);
  await walk.waitFor('quit: nothing is changed');
  walk.check('start-keys', {keys: true});
  walk.tmux.send(['?']);
  walk.tmux.send(['Enter']); // Install (the default on an empty namespace)
  await walk.waitFor('? Preset');
  expect(walk.joined().replace(/\s+/g, ' ')).toContain('❯ k3s (suggested: default StorageClass local-path');
  walk.check('preset', {keys: false});
  walk.tmux.send(['Enter']);
  await walk.answer('Ingress Hostname', {type: values.host}, 'Enter');
  await walk.answer('Enable HTTPS', 'Enter');
  await walk.answer('cert-manager ClusterIssuer', 'Enter');
  await walk.answer('Service Type', 'Enter');
  await walk.answer('Runtime pods', 'Enter');
  await walk.waitFor('? Shared volumes');
  walk.check('storage', {keys: false});
  walk.tmux.send(['Enter']);
  await walk.answer('In-cluster turso-server', {type: 'y'}, 'Enter');
  for (const label of ['turso-server Volume Size', 'Max Running Namespaces', 'Idle Namespace TTL', 'Archive Retention'])
    await walk.answer(label, 'Enter');
  await walk.answer('Back up every turso-server database', 'Enter');
  await walk.answer('S3 endpoint', {type: cluster.s3.endpoint}, 'Enter');
  await walk.answer('Bucket', {type: values.bucket}, 'Enter');
  await walk.answer('Region', 'Enter');
  await walk.answer('Path-style URLs', 'Enter');
  await walk.answer('Access key ID', {hidden: cluster.s3.accessKeyId}, 'Enter');
  await walk.answer('Secret access key', {hidden: cluster.s3.secretAccessKey}, 'Enter');
  await walk.answer(`Create bucket ${values.bucket} now?`, 'Enter');
  await walk.waitFor('reachable and writable');
  walk.check('bucket', {keys: false});
  await walk.answer('Schedule', 'Enter');
  await walk.answer('Snapshots kept', 'Enter');
  await walk.waitFor('? Change anything else?');
  walk.check('other-settings', {keys: false});
  walk.tmux.send(['Enter']);
  await walk.paged('review', /Review — install[\s\S]*(enter continue|Install now\?)/);
  await walk.waitFor('? Install now?', 60_000);
  walk.check('confirm', {keys: false});
  walk.tmux.send(['y', 'Enter']);
  await walk.waitFor(/Installing buntime/);
  walk.check('apply', {keys: false});
  await walk.paged(
    'result',
    /is installed and Ready[\s\S]*(enter done|Open the live status)|install of buntime failed/,
  );
  await walk.answer('Open the live status screen', 'Enter');
  await walk.liveScreen();
}

/** An upgrade to two pods (sync modes), which takes the pre-upgrade backup in the same yes. */
async function upgrade(walk: Walk, namespace: string): Promise<void> {
  walk.start(`--namespace ${namespace}`);
  await walk.waitFor('What do you want to do?', 60_000);
  expect(walk.joined()).toContain('❯ Upgrade');
  expect(walk.joined()).toContain(`${namespace} (exists, holds release buntime)`);
  walk.check('start', {keys: true});
  walk.tmux.send(['Enter']);
  await walk.answer('Preset', 'Enter'); // keep the live settings
  for (const label of ['Ingress Hostname', 'Enable HTTPS', 'cert-manager ClusterIssuer', 'Service Type'])
    await walk.answer(label, 'Enter');
  await walk.answer('Runtime pods', 'BSpace', {type: '2'}, 'Enter');
  await walk.waitFor('? How should 2 pods work?');
  walk.check('replicas', {keys: false});
  walk.tmux.send(['Enter']);
  for (const label of [
    'turso-server Volume Size',
    'Max Running Namespaces',
    'Idle Namespace TTL',
    'Archive Retention',
    'Back up every turso-server database',
    'S3 endpoint',
    'Bucket',
    'Region',
    'Path-style URLs',
    'Keep the S3 keys already stored',
  ])
    await walk.answer(label, 'Enter');
  await walk.answer('Schedule', 'Enter');
  await walk.answer('Snapshots kept', 'Enter');
  await walk.answer('Change anything else?', 'Enter');
  await walk.paged('review', /Review — upgrade[\s\S]*(enter continue|then upgrade)/);
  // One question takes the backup and the upgrade.
  const confirm = await walk.waitFor(
    /\? Back up now \(a Job from CronJob buntime-turso-backup\), then upgrade/,
    60_000,
  );
  expect(confirm).not.toMatch(/warning\(s\)\?[\s\S]*Run a backup now/);
  walk.check('confirm', {keys: false});
  walk.tmux.send(['y', 'Enter']);
  await walk.waitFor(/Backup buntime-turso-backup-\S+ finished/, 120_000);
  await walk.paged('result', /is upgraded and Ready[\s\S]*(enter done|Open the live status)|upgrade of buntime failed/);
  await walk.answer('Open the live status screen', 'Enter');
  await walk.liveScreen();
}

describe.each([
  {name: 'A', day0: {columns: 60, rows: 20}, next: {columns: 100, rows: 30}, helm: 4 as const},
  {name: 'B', day0: {columns: 120, rows: 40}, next: {columns: 80, rows: 24}, helm: 3 as const},
])('screens of release $name: day zero at $day0.columns×$day0.rows, upgrade at $next.columns×$next.rows', (group) => {
  const home = scratchDir(`bd-screens-home-${group.name}-`);
  const host = `screens-${group.name.toLowerCase()}.example.com`;
  const bucket = `screens-${group.name.toLowerCase()}-${process.pid}`;
  let namespace = '';
  const helm = (): string => (group.helm === 3 ? getCluster().helm3 : getCluster().helm4);

  it(`day zero at ${group.day0.columns}×${group.day0.rows}`, async () => {
    namespace = await createNamespace(`screens-${group.name.toLowerCase()}`);
    const walk = new Walk(group.day0, [host, bucket, namespace, getCluster().s3.endpoint], home, helm());
    await dayZero(walk, namespace, {host, bucket});
  });

  it(`upgrade at ${group.next.columns}×${group.next.rows}`, async () => {
    expect(namespace, 'day zero ran first').not.toBe('');
    const walk = new Walk(group.next, [host, bucket, namespace, getCluster().s3.endpoint], home, helm());
    await upgrade(walk, namespace);
  });
});

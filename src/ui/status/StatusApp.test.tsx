import {describe, expect, it} from 'vitest';
import {FIXTURE_NOW, fixturePod, fixtureStore} from '../../../test/helpers/status-fixtures.js';
import {KEYS, renderInk} from '../../../test/helpers/render-ink.js';
import {NARROW_CHARS} from '../../../scripts/narrow-chars.mjs';
import {buildModel} from '../../core/status/model.js';
import {DETAILS_KEYS, KEY_TABLES, PANE_KEYS, type KeyBinding} from './keys.js';
import {backupRows, namespaceRows, podRows, rowText} from './rows.js';
import {StatusApp, type StatusActions} from './StatusApp.js';

interface Calls {
  resync: number;
  backups: number;
  created: string[];
  locks: [string, boolean][];
  logs: string[];
}

function actions(overrides: Partial<StatusActions> = {}): {actions: StatusActions; calls: Calls} {
  const calls: Calls = {resync: 0, backups: 0, created: [], locks: [], logs: []};
  return {
    calls,
    actions: {
      resync: () => void calls.resync++,
      backupNow: async () => {
        calls.backups++;
        return 'buntime-turso-backup-manual-abcde';
      },
      createNamespace: async (name) => void calls.created.push(name),
      setLocked: async (name, locked) => void calls.locks.push([name, locked]),
      logs: async (pod) => {
        calls.logs.push(pod);
        return 'line one\nserver listening on :8000\n';
      },
      ...overrides,
    },
  };
}

function lines(frame: string): string[] {
  return frame.split('\n');
}

describe('StatusApp', () => {
  it('shows the header and the three panes at 100 columns', async () => {
    const store = fixtureStore();
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    const frame = await ui.waitFor('Backups');
    expect(frame).toContain('status kwok-test · zomme · buntime');
    expect(frame).toContain('● live');
    expect(frame).toContain('healthy');
    expect(frame).toMatch(/▸ Pods/);
    expect(frame).toContain('runtime (2)');
    expect(frame).toMatch(/buntime-0\s+1\/1\s+Running\s+0\s+60m\s+kwok-node-0/);
    expect(frame).toContain('turso-server (1)');
    expect(frame).toContain('backup jobs (1)');
    expect(frame).toContain('Turso namespaces');
    expect(frame).toMatch(/api-keys\s+explicit\s+locked/);
    expect(frame).toMatch(/runtime\s+auto\s+open/);
    expect(frame).toContain('schedule 0 2 * * *');
    expect(frame).toContain('enter details');
    ui.unmount();
  });

  it('draws only characters string-width measures on its fast path (every frame stays off Intl.Segmenter)', async () => {
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns: 120});
    const frame = await ui.waitFor('Backups');
    const odd = [...new Set(frame.replace(new RegExp(`[${NARROW_CHARS}\\n]`, 'g'), ''))];
    expect(odd).toEqual([]);
    ui.unmount();
  });

  it("shows the backup job's per-namespace failure under the namespace's snapshots", async () => {
    // No snapshot yet: every run failed for it, and the pane still says which and why.
    const store = fixtureStore({objects: 0});
    store.setBackupRun({
      ok: false,
      namespaces: [
        {name: 'api-keys', status: 'ok'},
        {
          name: 'runtime',
          status: 'failed',
          at: Date.parse('2026-07-07T02:00:05Z'),
          error: 'download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
        },
      ],
    });
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 140});
    await ui.waitFor('Backups');
    // The focused pane gets the most rows: the failure sits under the namespace's snapshots there.
    await ui.press(KEYS.shiftTab);
    const frame = await ui.waitFor('✖ failed');
    expect(frame).toContain(
      '✖ failed 9h ago: download failed: turso-server answered HTTP 500: backup failed: namespace "runtime" is not running',
    );
    expect(frame).toMatch(/runtime\s+0\/14\s+never/);
    expect(frame).toContain('degraded');
    ui.unmount();
  });

  it('fits 60 columns: no line is wider, the help line is the short one', async () => {
    const store = fixtureStore();
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 60});
    const frame = await ui.waitFor('Backups');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines(frame).at(-1)).toMatch(/enter details .*\? keys q quit$/);
    expect(frame).not.toContain('NODE');
    expect(frame).toMatch(/buntime-0\s+1\/1\s+Running/);
    ui.unmount();
  });

  it('updates live when the store changes and shows reconnecting', async () => {
    const store = fixtureStore();
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('buntime-1');
    store.upsertPod(fixturePod('buntime-1', 'runtime', 'crash'));
    await ui.waitFor(/!buntime-1\s+0\/1\s+CrashLoopBackOff\s+5/);
    expect(ui.frame()).toContain('unhealthy — pod buntime-1: CrashLoopBackOff');
    store.setSource('kube', {state: 'reconnecting', message: 'reconnecting to the API server (ECONNREFUSED)'});
    await ui.waitFor('◌ reconnecting');
    expect(ui.frame()).toContain('reconnecting to the API server (ECONNREFUSED)');
    ui.unmount();
  });

  it('moves between panes and rows, and opens pod details with events and a hint', async () => {
    const store = fixtureStore();
    store.upsertPod(fixturePod('buntime-1', 'runtime', 'pull'));
    store.recordEvent('buntime-1', {
      type: 'Warning',
      reason: 'Failed',
      message: 'Failed to pull image "ghcr.io/djalmajr/buntime:0.5.4"',
      count: 3,
      at: Date.parse('2026-07-07T11:59:00Z'),
    });
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('buntime-1');
    await ui.press(KEYS.down, KEYS.enter);
    const details = await ui.waitFor('Recent events');
    expect(details).toContain('Pod buntime-1 (runtime)');
    expect(details).toContain('Problem: ImagePullBackOff: ghcr.io/djalmajr/buntime:0.5.4.');
    expect(details).toContain('imagePullSecrets');
    expect(details).toContain('60s ago Failed ×3: Failed to pull image');
    await ui.press(KEYS.escape);
    await ui.waitFor('▸ Pods');
    await ui.press(KEYS.tab);
    await ui.waitFor('▸ Turso namespaces');
    await ui.press(KEYS.enter);
    const namespace = await ui.waitFor('Namespace api-keys');
    expect(namespace).toContain('origin explicit · locked (never collected)');
    expect(namespace).toContain('backups 2 (retention 14)');
    await ui.press(KEYS.escape, KEYS.shiftTab, KEYS.shiftTab);
    await ui.waitFor('▸ Backups');
    ui.unmount();
  });

  it('shows the logs of the selected pod with l', async () => {
    const {actions: acts, calls} = actions();
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 80});
    await ui.waitFor('buntime-0');
    await ui.press('l');
    const frame = await ui.waitFor('server listening on :8000');
    expect(frame).toContain('Logs of buntime-0 (2 lines)');
    expect(calls.logs).toEqual(['buntime-0']);
    await ui.press(KEYS.escape);
    await ui.waitFor('▸ Pods');
    ui.unmount();
  });

  it('runs a backup only after confirmation', async () => {
    const {actions: acts, calls} = actions();
    const store = fixtureStore();
    const ui = renderInk(<StatusApp store={store} actions={acts} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('b');
    await ui.waitFor('Run a backup now (a Job from buntime-turso-backup)? y/n');
    await ui.press('n');
    await ui.waitFor('Cancelled.');
    expect(calls.backups).toBe(0);
    await ui.press('b', 'y');
    await ui.waitFor('Started backup job buntime-turso-backup-manual-abcde');
    expect(calls.backups).toBe(1);
    // The screen follows the new Job in the Backups pane.
    await ui.waitFor('▸ Backups');
    store.upsertJob({
      name: 'buntime-turso-backup-manual-abcde',
      state: 'running',
      manual: true,
      startedAt: Date.parse('2026-07-07T11:59:50Z'),
    });
    await ui.waitFor('job buntime-turso-backup-manual-abcde running (manual)');
    await ui.press(KEYS.enter);
    await ui.waitFor('Backup job buntime-turso-backup-manual-abcde (manual)');
    ui.unmount();
  });

  it('creates a namespace after validating the name with the server rule, then confirming', async () => {
    const {actions: acts, calls} = actions();
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('c');
    await ui.waitFor('New namespace name:');
    await ui.press('M');
    await ui.waitFor("invalid character 'M' at position 0");
    await ui.press(KEYS.backspace, 'n', 'e', 'w', '-', 'd', 'b', KEYS.enter);
    await ui.waitFor("Create namespace 'new-db' (explicit, locked)? y/n");
    await ui.press('y');
    await ui.waitFor('Created namespace new-db (locked).');
    expect(calls.created).toEqual(['new-db']);
    ui.unmount();
  });

  it('locks and unlocks the selected namespace with k, after confirmation', async () => {
    const {actions: acts, calls} = actions();
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('k');
    await ui.waitFor('Select a namespace in the Turso namespaces pane');
    await ui.press(KEYS.tab, KEYS.down, 'k');
    await ui.waitFor("Lock namespace 'runtime'? y/n");
    await ui.press('y');
    await ui.waitFor('Locked runtime.');
    await ui.press(KEYS.up, 'k');
    await ui.waitFor("Unlock namespace 'api-keys'? The GC may then archive it. y/n");
    await ui.press('y');
    await ui.waitFor('Unlocked api-keys.');
    expect(calls.locks).toEqual([
      ['runtime', true],
      ['api-keys', false],
    ]);
    ui.unmount();
  });

  it('reports action failures in the notice line, and resyncs with r', async () => {
    const {actions: acts, calls} = actions({
      backupNow: async () => {
        throw new Error('cronjobs.batch "buntime-turso-backup" is forbidden');
      },
    });
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('b', 'y');
    await ui.waitFor('✖ cronjobs.batch "buntime-turso-backup" is forbidden');
    await ui.press('r');
    await ui.waitFor('Resyncing…');
    expect(calls.resync).toBe(1);
    ui.unmount();
  });

  it('renders only the rows in view for a long list, keeping the selection visible', async () => {
    const store = fixtureStore({runtimePods: 500});
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('Pods 1-');
    const frame = ui.frame();
    expect(frame.split('\n').length).toBeLessThan(40);
    expect(frame).toMatch(/Pods 1-\d+\/505/);
    for (let i = 0; i < 30; i++) await ui.press(KEYS.down);
    await ui.waitFor(/▸ Pods \d+-\d+\/505/);
    expect(ui.frame()).toMatch(/buntime-30\s/);
    expect(ui.frame()).not.toMatch(/buntime-0\s/);
    ui.unmount();
  });

  it('shows the admin API error in the namespaces pane', async () => {
    const store = fixtureStore();
    store.setSource('admin', {
      state: 'error',
      message: 'turso-server admin API rejected the admin token (401 Unauthorized).',
    });
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    const frame = await ui.waitFor('401 Unauthorized');
    expect(frame).toContain('✖ turso-server admin API rejected the admin token (401 Unauthorized).');
    expect(frame).toContain('degraded');
    ui.unmount();
  });
});

/** The screen's last line: the key hint. */
function hint(frame: string): string {
  return frame.trimEnd().split('\n').at(-1) ?? '';
}

describe('StatusApp: nothing cut off, every key discoverable, no lost input', () => {
  it.each([60, 80, 100, 120])('the hint at %i columns fits and always ends with ? keys and q quit', async (columns) => {
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns});
    const frame = await ui.waitFor('Backups');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(columns);
    expect(hint(frame)).toMatch(/\? keys( · | )q quit$/);
    expect(hint(frame)).toContain('enter details');
    ui.unmount();
  });

  it('? (or h) lists every key of the current view from its key table; esc closes it', async () => {
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('?');
    const help = await readAll(ui, 'Keys in the panes');
    for (const binding of PANE_KEYS) expect(help).toContain(binding.does);
    await ui.press(KEYS.escape);
    await ui.waitFor('▸ Pods');
    await ui.press(KEYS.enter, 'h');
    const details = await readAll(ui, 'Keys in details');
    for (const binding of DETAILS_KEYS) expect(details).toContain(binding.does);
    await ui.press('?');
    await ui.waitFor('Pod buntime-0 (runtime)');
    ui.unmount();
  });

  it('a key added to a table is handled, hinted and listed in the help', async () => {
    const calls: string[] = [];
    const extra: KeyBinding = {
      keys: 'x',
      does: 'an extra key another feature registers',
      hint: 'x extra',
      match: (input) => input === 'x',
      run: ({notice}) => {
        calls.push('x');
        notice('ok', 'extra ran');
      },
    };
    const table = KEY_TABLES.logs as KeyBinding[];
    table.unshift(extra);
    try {
      const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns: 100});
      await ui.waitFor('Backups');
      await ui.press('l');
      expect(hint(await ui.waitFor('server listening'))).toContain('x extra');
      await ui.press('x');
      await ui.waitFor('extra ran');
      await ui.press('?');
      await ui.waitFor('an extra key another feature registers');
      expect(calls).toEqual(['x']);
      ui.unmount();
    } finally {
      table.shift();
    }
  });

  it('the name prompt takes a burst exactly: ten DEL bytes in one write delete ten characters', async () => {
    const {actions: acts, calls} = actions();
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press('c');
    await ui.waitFor('New namespace name:');
    ui.stdin.write('abcdefghijkl');
    await ui.waitFor('New namespace name: abcdefghijkl');
    ui.stdin.write('\u007f'.repeat(10));
    await ui.waitFor(/New namespace name: ab\s/);
    // A paste with the Enter in it, then the confirmation, all in one write each.
    ui.stdin.write('\u007f\u007fnew-db\r');
    await ui.waitFor("Create namespace 'new-db' (explicit, locked)? y/n");
    ui.stdin.write('y');
    await ui.waitFor('Created namespace new-db (locked).');
    expect(calls.created).toEqual(['new-db']);
    ui.unmount();
  });

  it('keys typed faster than a frame (one chunk) each count: two tabs, esc then a letter', async () => {
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    ui.stdin.write('\t\t');
    await ui.waitFor('▸ Backups');
    await ui.press(KEYS.enter);
    await ui.waitFor('Backups: CronJob buntime-turso-backup');
    ui.stdin.write('\u001Bi');
    await ui.waitFor('Data sources');
    ui.unmount();
  });

  it('notices clear on the next key; info ones also expire by themselves', async () => {
    const {actions: acts} = actions();
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} noticeMs={50} />, {
      columns: 100,
    });
    await ui.waitFor('Backups');
    await ui.press('r');
    await ui.waitFor('Resyncing…');
    await waitUntil(() => !ui.frame().includes('Resyncing…'));
    await ui.press(KEYS.tab, KEYS.tab, 'l');
    await ui.waitFor('Select a pod to see its logs.');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(ui.frame()).toContain('Select a pod to see its logs.');
    await ui.press(KEYS.tab);
    await waitUntil(() => !ui.frame().includes('Select a pod to see its logs.'));
    ui.unmount();
  });

  it('a long error wraps in the notice line instead of being cut', async () => {
    const message = `cronjobs.batch "buntime-turso-backup" is forbidden: User "system:serviceaccount:ci:deployer" cannot create resource "jobs" in API group "batch" in the namespace "zomme"`;
    const {actions: acts} = actions({
      backupNow: async () => {
        throw new Error(message);
      },
    });
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={acts} tickMs={0} />, {columns: 60});
    await ui.waitFor('Backups');
    await ui.press('b', 'y');
    const frame = await ui.waitFor('forbidden');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(60);
    expect(frame.replace(/\s+/g, ' ')).toContain(`✖ ${message}`);
    ui.unmount();
  });

  it('every pane row cut at the pane width opens in full with enter (40 to 120 columns)', () => {
    const store = fixtureStore();
    store.setSource('admin', {
      state: 'error',
      message:
        'Cannot reach the turso-server admin API: error forwarding port 8081 to pod buntime-turso-0/zomme, uid : failed to connect',
      hint: 'Check that the turso-server pod is Running and its admin port is 8081.',
    });
    store.setSource('s3', {state: 'error', message: 'S3 ListObjectsV2 on bucket turso-backups: 403 AccessDenied'});
    store.setNamespaces([{name: `tenant-${'x'.repeat(80)}`, origin: 'explicit', locked: true}]);
    const model = buildModel(store.state, FIXTURE_NOW);
    for (const width of [40, 60, 80, 100, 120]) {
      for (const pane of [podRows(model, width), namespaceRows(model, width), backupRows(model, width)]) {
        for (const row of pane.rows) {
          const text = rowText(row, FIXTURE_NOW);
          if (text.length > width) expect(row.ref, `${width}: ${text}`).toBeDefined();
        }
      }
    }
  });

  it('the admin error, cut in its pane, is shown whole in its details', async () => {
    const store = fixtureStore();
    const message =
      'Cannot reach the turso-server admin API: error forwarding port 8081 to pod buntime-turso-0/zomme, uid : failed to connect';
    store.setSource('admin', {state: 'error', message});
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 60});
    await ui.waitFor('Backups');
    await ui.press(KEYS.tab, KEYS.enter);
    const frame = await ui.waitFor('turso-server admin API');
    expect(frame.replace(/\s+/g, ' ')).toContain(message);
    ui.unmount();
  });

  it('the header says it is cut, and i shows every health reason uncut', async () => {
    const store = fixtureStore();
    store.upsertPod(fixturePod('buntime-1', 'runtime', 'pending', 10 * 60_000));
    store.setClaims([{name: 'buntime-plugins', phase: 'Pending'}]);
    store.setSource('admin', {state: 'error', message: 'turso-server admin API rejected the admin token (401).'});
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 60});
    const frame = await ui.waitFor('Backups');
    expect(lines(frame)[1]).toMatch(/\(i\)$|\(\+\d, i\)$/);
    await ui.press('i');
    const info = await ui.waitFor('Data sources');
    expect(info).toContain('• pod buntime-1: Pending (Unschedulable)');
    expect(info.replace(/\s+/g, ' ')).toContain('admin: turso-server admin API rejected the admin token (401).');
    ui.unmount();
  });

  it('details scroll: position shown, PgDn and End reach the last event, Home the top', async () => {
    const store = fixtureStore();
    store.upsertPod(fixturePod('buntime-1', 'runtime', 'crash'));
    for (let i = 0; i < 10; i++)
      store.recordEvent('buntime-1', {
        type: 'Warning',
        reason: `BackOff${i}`,
        message: `Back-off restarting failed container buntime in pod buntime-1 (attempt ${i})`,
        count: 1,
        at: FIXTURE_NOW - (10 - i) * 1000,
      });
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 60});
    await ui.waitFor('buntime-1');
    await ui.press(KEYS.down, KEYS.enter);
    const top = await ui.waitFor('Pod buntime-1 (runtime)');
    expect(top).toMatch(/── 1-\d+\/\d+ · ↑↓ PgUp PgDn Home End/);
    expect(top).not.toContain('(attempt 0)');
    await ui.press(KEYS.pageDown);
    await ui.waitFor(/── (?!1-)\d+-/);
    await ui.press(KEYS.end);
    await ui.waitFor('(attempt 0)');
    expect(ui.frame()).not.toContain('Pod buntime-1 (runtime)');
    await ui.press(KEYS.home);
    await ui.waitFor('Pod buntime-1 (runtime)');
    ui.unmount();
  });

  it('logs open at the newest line, wrap long lines and scroll back to the first', async () => {
    const text = Array.from({length: 60}, (_, i) => `line ${i} ${i === 59 ? 'x'.repeat(90) : ''}`).join('\n');
    const ui = renderInk(
      <StatusApp store={fixtureStore()} actions={actions({logs: async () => text}).actions} tickMs={0} />,
      {columns: 60},
    );
    await ui.waitFor('Backups');
    await ui.press('l');
    const end = await ui.waitFor('line 59');
    expect(end.replace(/\s+/g, '')).toContain('x'.repeat(90));
    expect(end).not.toContain('line 1 ');
    await ui.press(KEYS.home);
    await ui.waitFor('Logs of buntime-0 (60 lines)');
    expect(ui.frame()).toContain('line 0');
    ui.unmount();
  });
});

describe('StatusApp: backups say what happened', () => {
  it('after a manual Job: never scheduled, last success manual, manual runs counted', async () => {
    const store = fixtureStore();
    store.setCronJob({
      name: 'buntime-turso-backup',
      schedule: '0 2 * * *',
      suspend: false,
      active: [],
      createdAt: FIXTURE_NOW - 60_000,
      lastSuccessfulTime: FIXTURE_NOW - 4000,
    });
    store.replaceJobs([
      {
        name: 'buntime-turso-backup-manual-c4fa0',
        state: 'succeeded',
        manual: true,
        startedAt: FIXTURE_NOW - 10_000,
        finishedAt: FIXTURE_NOW - 4000,
      },
    ]);
    store.setObjects([]);
    const ui = renderInk(<StatusApp store={store} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.press(KEYS.tab, KEYS.tab);
    const frame = await ui.waitFor('▸ Backups');
    expect(frame).toContain('schedule 0 2 * * * · last scheduled run never');
    expect(frame).toContain('last successful run 4s ago (manual) · manual runs 1');
    expect(frame).not.toContain('last run never · last ok');
    // It succeeded, yet the bucket got nothing: say so, and count it in the health.
    expect(frame).toContain('⚠ Backup job buntime-turso-backup-manual-c4fa0 succeeded but wrote no new snapshot');
    expect(frame).toMatch(/degraded — /);
    await ui.press(KEYS.enter);
    const details = (await ui.waitFor('Backups: CronJob buntime-turso-backup')).replace(/\s+/g, ' ');
    expect(details).toContain('last scheduled run never (the schedule only; manual Jobs do not count)');
    expect(details).toContain('last successful run 4s ago (a manual Job)');
    expect(details).toContain(
      'Backup job buntime-turso-backup-manual-c4fa0 succeeded but wrote no new snapshot of api-keys, runtime, tenant-0002.',
    );
    ui.unmount();
  });
});

/** Every row of a scrolled view, paging down to its end (rows joined into one line of words). */
async function readAll(ui: ReturnType<typeof renderInk>, title: string): Promise<string> {
  let text = (await ui.waitFor(title)).replace(/\s+/g, ' ');
  for (let page = 0; page < 10 && /── \d+-(\d+)\/(?!\1\b)\d+/.test(ui.frame()); page++) {
    await ui.press(KEYS.pageDown);
    text += ` ${ui.frame().replace(/\s+/g, ' ')}`;
  }
  return text;
}

async function waitUntil(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('StatusApp: esc and the next key in one chunk', () => {
  it('esc, ↓ and Enter typed at once: back, the next row, its details', async () => {
    const ui = renderInk(<StatusApp store={fixtureStore()} actions={actions().actions} tickMs={0} />, {columns: 100});
    await ui.waitFor('Backups');
    await ui.press(KEYS.enter);
    await ui.waitFor('Pod buntime-0 (runtime)');
    ui.stdin.write(`${KEYS.escape}${KEYS.down}${KEYS.enter}`);
    await ui.waitFor('Pod buntime-1 (runtime)');
    ui.unmount();
  });
});

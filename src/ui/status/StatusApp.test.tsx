import {describe, expect, it} from 'vitest';
import {fixturePod, fixtureStore} from '../../../test/helpers/status-fixtures.js';
import {KEYS, renderInk} from '../../../test/helpers/render-ink.js';
import {NARROW_CHARS} from '../../../scripts/narrow-chars.mjs';
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
    expect(frame).toContain('tab ↑↓ ⏎ details l logs b backup c new k lock r sync q quit');
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
    expect(frame).toContain('Logs of buntime-0 (last 2 of 2 lines)');
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

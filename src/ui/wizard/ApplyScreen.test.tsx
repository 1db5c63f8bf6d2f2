import {describe, expect, it} from 'vitest';
import {renderInk} from '../../../test/helpers/render-ink.js';
import {createStyle} from '../style.js';
import {printApplyProgress} from './apply-lines.js';
import {createApplyStore, formatElapsed} from './apply-store.js';
import {ApplyScreen} from './ApplyScreen.js';

const STEPS = [
  {id: 'namespace', title: 'Namespace zomme'},
  {id: 'secret', title: 'Credentials Secret'},
  {id: 'helm', title: 'helm upgrade --install (waits for Ready pods)'},
];

describe('apply store', () => {
  it('tracks steps and keeps only the newest lines', () => {
    const store = createApplyStore(STEPS, () => 0);
    store.step('namespace', 'done', 'created');
    for (let index = 0; index < 250; index++) store.line(`line ${index}`);
    expect(store.get().steps[0]).toMatchObject({state: 'done', detail: 'created'});
    expect(store.get().lines).toHaveLength(200);
    expect(store.get().lines[0]).toBe('line 50');
    expect(store.get().lineTotal).toBe(250);
  });

  it('prints plain progress without a terminal, each line once', () => {
    const store = createApplyStore(STEPS, () => 0);
    let out = '';
    const stop = printApplyProgress(store, (text) => (out += text), createStyle(false));
    store.step('namespace', 'running');
    store.step('namespace', 'done', 'created');
    for (let index = 0; index < 205; index++) store.line(`line ${index}`);
    store.step('helm', 'failed', 'exit 1');
    stop();
    store.line('after stop');
    expect(out).toContain('… Namespace zomme\n✔ Namespace zomme — created\n  line 0\n');
    expect(out.match(/line 204/g)).toHaveLength(1);
    expect(out.match(/ {2}line \d+/g)).toHaveLength(205);
    expect(out).toContain('✖ helm upgrade --install (waits for Ready pods) — exit 1');
    expect(out).not.toContain('after stop');
  });
  it.each([
    [0, '0:00'],
    [61_000, '1:01'],
    [3_726_000, '1:02:06'],
  ])('formatElapsed(%i) = %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('ApplyScreen', () => {
  it.each([100, 60])('streams helm output under the steps (%i columns)', async (columns) => {
    let clock = 0;
    const store = createApplyStore(STEPS, () => clock);
    const ink = renderInk(<ApplyScreen store={store} title="Installing buntime" now={() => clock} />, {columns});
    await ink.waitFor('Installing buntime 0:00');
    store.step('namespace', 'done', 'created');
    store.step('secret', 'done', '3 keys');
    store.step('helm', 'running');
    store.line('Release "buntime" does not exist. Installing it now.');
    clock = 75_000;
    const frame = await ink.waitFor('1:15');
    expect(frame).toContain('✔ Namespace zomme — created');
    expect(frame).toContain('does not exist. Installing it now.');
    expect(frame).toContain('Ctrl-C stops helm safely');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    store.stopping();
    await ink.waitFor('Stopping helm');
    ink.unmount();
  });
});

describe('ApplyScreen: helm output wraps and fits the terminal', () => {
  it('a long NOTES line is wrapped, not cut, and the frame stays shorter than the terminal', async () => {
    const store = createApplyStore(STEPS, () => 0);
    const ink = renderInk(<ApplyScreen store={store} title="Installing buntime" now={() => 0} />, {columns: 60});
    await ink.waitFor('Installing buntime');
    store.step('namespace', 'done', 'created');
    store.step('secret', 'done', 'buntime-credentials: RUNTIME_ROOT_KEY, TURSO_AUTH_TOKEN, TURSO_ADMIN_TOKEN');
    store.step('helm', 'running');
    for (let index = 0; index < 30; index++) store.line(`NOTES line ${index}`);
    store.line("     kubectl -n zomme get secret buntime -o jsonpath='{.data.RUNTIME_ROOT_KEY}' | base64 -d");
    const frame = await ink.waitFor('base64 -d');
    expect(frame).not.toContain('…');
    expect(frame.replace(/\s+/g, ' ')).toContain('TURSO_AUTH_TOKEN, TURSO_ADMIN_TOKEN');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    // ink-testing-library's terminal has 24 rows.
    expect(frame.split('\n').length).toBeLessThan(24);
    ink.unmount();
  });
});

import {describe, expect, it} from 'vitest';
import {KEYS, renderInk} from '../../../test/helpers/render-ink.js';
import {Pager, type PagerExit} from './Pager.js';

const LINES = Array.from({length: 80}, (_, i) => `review line ${i + 1}`);

function pager(rows = 20) {
  const exits: PagerExit[] = [];
  const ink = renderInk(
    <Pager
      lines={LINES}
      rows={rows}
      width={60}
      keys={{enter: 'continue', quit: 'quit without applying'}}
      onExit={(how) => exits.push(how)}
    />,
    {columns: 60},
  );
  return {ink, exits};
}

describe('Pager', () => {
  it('shows a page shorter than the terminal, says where it is, and moves with PgDn, End, Home', async () => {
    const {ink} = pager(20);
    const first = await ink.waitFor('review line 1');
    expect(first.split('\n').length).toBeLessThan(20);
    expect(first).toMatch(/── 1-\d+\/80/);
    expect(first).toContain('? keys');
    expect(first.replace(/\s+/g, ' ')).toContain('q quit without applying');
    expect(first).not.toContain('review line 40');
    await ink.press(KEYS.pageDown);
    await ink.waitFor(/── (?!1-)\d+-\d+\/80/);
    await ink.press(KEYS.end);
    await ink.waitFor('review line 80');
    await ink.press(KEYS.home);
    await ink.waitFor(/── 1-/);
    ink.unmount();
  });

  it('? lists the keys; enter continues, q quits', async () => {
    const {ink, exits} = pager();
    await ink.waitFor('review line 1');
    await ink.press('?');
    await ink.waitFor('Keys');
    expect(ink.frame()).toContain('PgUp PgDn');
    await ink.press(KEYS.escape);
    await ink.waitFor('review line 1');
    await ink.press(KEYS.enter);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exits).toEqual(['continue']);
    ink.unmount();
    const second = pager();
    await second.ink.waitFor('review line 1');
    await second.ink.press('q');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.exits).toEqual(['quit']);
    second.ink.unmount();
  });
});

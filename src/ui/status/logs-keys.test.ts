import {describe, expect, it} from 'vitest';
import {appendLines, logsHint, logsKey, MAX_LOG_LINES, startLogs, visibleLines, type LogsState} from './logs-keys.js';

const lines = (count: number): string[] => Array.from({length: count}, (_, index) => `line ${index + 1}`);
const press = (state: LogsState, keys: string, height = 5): LogsState => {
  let next: LogsState | string = state;
  for (const key of keys) next = logsKey(next as LogsState, key, {}, height);
  return next as LogsState;
};

describe('logs view keys', () => {
  const full = appendLines(startLogs('buntime-0'), [...lines(20), 'ERROR boom', ...lines(4)]);

  it('stays at the end while following; a scrolled view keeps its lines as new ones arrive', () => {
    expect(visibleLines(full, 5).lines.at(-1)).toBe('line 4');
    const up = logsKey(full, '', {pageUp: true}, 5) as LogsState;
    expect(up.offset).toBe(4);
    const grown = appendLines(up, ['new']);
    expect(visibleLines(grown, 5).lines).toEqual(visibleLines(up, 5).lines);
    expect((logsKey(grown, 'G', {}, 5) as LogsState).offset).toBe(0);
    expect((logsKey(full, 'g', {}, 5) as LogsState).offset).toBe(full.lines.length - 5);
    expect((logsKey(full, '', {downArrow: true}, 5) as LogsState).offset).toBe(0);
  });

  it('/ searches upward from the bottom of the view; n continues, N goes back; esc clears, then leaves', () => {
    const found = logsKey(press(full, '/line 1'), '', {return: true}, 5) as LogsState;
    expect(found.search).toMatchObject({query: 'line 1', editing: false});
    expect(found.lines[found.search?.match ?? -1]).toBe('line 1');
    expect(visibleLines(found, 5).lines).toContain('line 1');
    const older = logsKey(found, 'n', {}, 5) as LogsState;
    expect(older.lines[older.search?.match ?? -1]).toBe('line 19');
    const newer = logsKey(older, 'N', {}, 5) as LogsState;
    expect(newer.search?.match).toBe(found.search?.match);
    const missing = logsKey(press(full, '/nothing'), '', {return: true}, 5) as LogsState;
    expect(missing.search?.notFound).toBe(true);
    const cleared = logsKey(found, '', {escape: true}, 5) as LogsState;
    expect(cleared.search).toBeUndefined();
    expect(logsKey(cleared, '', {escape: true}, 5)).toBe('back');
    expect(logsKey(full, 'q', {}, 5)).toBe('quit');
    // While typing a search, q is text, not quit.
    expect((press(full, '/q') as LogsState).search?.query).toBe('q');
  });

  it('keeps at most MAX_LOG_LINES, dropping the oldest', () => {
    const many = appendLines(startLogs('p'), lines(MAX_LOG_LINES + 10));
    expect(many.lines).toHaveLength(MAX_LOG_LINES);
    expect(many.lines[0]).toBe('line 11');
  });

  it('the hint lists every key when it fits and always ends with q quit', () => {
    expect(logsHint(120)).toContain('/ search');
    expect(logsHint(60).length).toBeLessThanOrEqual(60);
    expect(logsHint(60)).toMatch(/q quit$/);
  });
});

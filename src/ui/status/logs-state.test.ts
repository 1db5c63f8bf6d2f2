import {describe, expect, it} from 'vitest';
import {appendLines, findLine, logLines, MAX_LOG_LINES, startLogs} from './logs-state.js';

const lines = (count: number): string[] => Array.from({length: count}, (_, index) => `line ${index + 1}`);

describe('logs view state', () => {
  it('follows: lines append, the title says so, a one-shot read says nothing', () => {
    const followed = appendLines(startLogs('buntime-0'), ['a', 'b']);
    expect(logLines(followed)[0]?.text).toBe('Logs of buntime-0 (following; 2 lines)');
    expect(logLines(appendLines(startLogs('p'), ['a'], false))[0]?.text).toBe('Logs of p (1 line)');
    expect(logLines(startLogs('p'))[1]).toMatchObject({text: 'loading…'});
  });

  it('keeps at most MAX_LOG_LINES, and a match keeps pointing at its line', () => {
    const base = appendLines(startLogs('p'), lines(MAX_LOG_LINES));
    const searched = {...base, search: {query: 'line 100', match: 99}};
    const grown = appendLines(searched, ['x', 'y']);
    expect(grown.lines).toHaveLength(MAX_LOG_LINES);
    expect(grown.lines[0]).toBe('line 3');
    expect(grown.lines[grown.search?.match ?? -1]).toBe('line 100');
    const gone = appendLines({...base, search: {query: 'line 1', match: 0}}, ['x']);
    expect(gone.search).toEqual({query: 'line 1'});
  });

  it('finds lines case-insensitively in either direction; the match is marked, other hits tinted', () => {
    const state = appendLines(startLogs('p'), ['GET /a', 'boot', 'get /b', 'boot']);
    expect(findLine(state, 'get', 3, -1)).toBe(2);
    expect(findLine(state, 'get', 1, -1)).toBe(0);
    expect(findLine(state, 'get', 3, 1)).toBeUndefined();
    const rows = logLines({...state, search: {query: 'get', match: 2}});
    expect(rows.slice(1).map((row) => row.color)).toEqual(['cyan', undefined, 'yellow', undefined]);
  });
});

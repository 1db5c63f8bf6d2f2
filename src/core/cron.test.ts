import {describe, expect, it} from 'vitest';
import {nextRun, parseCron, previousRun} from './cron.js';

function schedule(source: string) {
  const parsed = parseCron(source);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.schedule;
}

describe('parseCron', () => {
  it.each([
    '0 2 * * *',
    '*/30 * * * *',
    '0 0 1,15 * *',
    '0 9-17 * * mon-fri',
    '@daily',
    '5 4 * * 7',
    '0 0 * JAN,jul *',
  ])('accepts %s', (source) => expect(parseCron(source).ok).toBe(true));

  it.each([
    ['0 2 * *', 'expected 5 fields (minute hour day month weekday), got 4'],
    ['0 24 * * *', 'hour 24 is outside 0-23'],
    ['60 * * * *', 'minute 60 is outside 0-59'],
    ['0 0 0 * *', 'day of month 0 is outside 1-31'],
    ['*/0 * * * *', "step '0' must be a positive number in the minute field"],
    ['0 5-1 * * *', 'range 5-1 runs backwards in the hour field'],
    ['0 0 * foo *', "'foo' is not a number in the month field"],
    ['@sometimes', "unknown macro '@sometimes'"],
    ['0 0 * * * *', 'expected 5 fields (minute hour day month weekday), got 6'],
    ['CRON_TZ=UTC 0 0 * * *', 'time zones belong in the CronJob timeZone field, not in the schedule'],
  ])('rejects %s', (source, error) => {
    expect(parseCron(source)).toEqual({ok: false, error});
  });
});

describe('previousRun / nextRun', () => {
  const at = new Date('2026-11-21T10:17:30Z');

  it('finds the last and next daily 02:00 UTC run', () => {
    const daily = schedule('0 2 * * *');
    expect(previousRun(daily, at)?.toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(nextRun(daily, at)?.toISOString()).toBe('2026-11-22T02:00:00.000Z');
  });

  it('ORs the two day fields when both are restricted', () => {
    const either = schedule('0 0 1 * mon');
    // 2026-11-21 is a Saturday: the previous Monday is the 16th, after the 1st.
    expect(previousRun(either, at)?.toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });

  it('treats 7 as Sunday', () => {
    expect(previousRun(schedule('0 0 * * 7'), at)?.toISOString()).toBe('2026-11-15T00:00:00.000Z');
  });
});

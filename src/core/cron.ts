/**
 * Standard 5-field cron (minute hour day-of-month month day-of-week), as Kubernetes CronJobs accept
 * it: numbers, `*`, ranges `a-b`, steps `x/n`, lists, month and weekday names, and the @hourly-style
 * macros. Times are UTC unless the CronJob sets timeZone (ours does not).
 */
export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, either may match. */
  readonly dayRestricted: boolean;
  readonly weekdayRestricted: boolean;
}

export type CronParse = {ok: true; schedule: CronSchedule} | {ok: false; error: string};

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameBase?: number;
}
const FIELDS: readonly FieldSpec[] = [
  {name: 'minute', min: 0, max: 59},
  {name: 'hour', min: 0, max: 23},
  {name: 'day of month', min: 1, max: 31},
  {name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1},
  // 7 is accepted as Sunday, as in Kubernetes (robfig/cron).
  {name: 'day of week', min: 0, max: 7, names: WEEKDAYS, nameBase: 0},
];

function parseNumber(token: string, spec: FieldSpec): number | string {
  const lower = token.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(token)) return `'${token}' is not a number in the ${spec.name} field`;
  const value = Number(token);
  if (value < spec.min || value > spec.max) return `${spec.name} ${value} is outside ${spec.min}-${spec.max}`;
  return value;
}

function parseField(field: string, spec: FieldSpec): Set<number> | string {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    if (part === '') return `empty list item in the ${spec.name} field`;
    const [rangePart, stepPart, extra] = part.split('/');
    if (extra !== undefined || rangePart === undefined)
      return `'${part}' has more than one '/' in the ${spec.name} field`;
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0)
        return `step '${stepPart}' must be a positive number in the ${spec.name} field`;
      step = Number(stepPart);
    }
    let low: number;
    let high: number;
    if (rangePart === '*' || rangePart === '?') {
      low = spec.min;
      high = spec.max;
    } else if (rangePart.includes('-')) {
      const [a, b, more] = rangePart.split('-');
      if (more !== undefined || a === undefined || b === undefined)
        return `'${rangePart}' is not a range in the ${spec.name} field`;
      const start = parseNumber(a, spec);
      const end = parseNumber(b, spec);
      if (typeof start === 'string') return start;
      if (typeof end === 'string') return end;
      if (start > end) return `range ${rangePart} runs backwards in the ${spec.name} field`;
      low = start;
      high = end;
    } else {
      const single = parseNumber(rangePart, spec);
      if (typeof single === 'string') return single;
      low = single;
      high = stepPart === undefined ? single : spec.max;
    }
    for (let value = low; value <= high; value += step)
      values.add(spec.name === 'day of week' && value === 7 ? 0 : value);
  }
  return values;
}

/** Parses a schedule; errors read as sentences ("hour 24 is outside 0-23"). */
export function parseCron(source: string): CronParse {
  const trimmed = source.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.startsWith('@')) return {ok: false, error: `unknown macro '${trimmed}'`};
  if (/^(TZ|CRON_TZ)=/.test(expanded))
    return {ok: false, error: 'time zones belong in the CronJob timeZone field, not in the schedule'};
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) {
    return {ok: false, error: `expected 5 fields (minute hour day month weekday), got ${fields.length}`};
  }
  const sets: Array<Set<number>> = [];
  for (const [index, field] of fields.entries()) {
    const parsed = parseField(field, FIELDS[index] as FieldSpec);
    if (typeof parsed === 'string') return {ok: false, error: parsed};
    sets.push(parsed);
  }
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  return {
    ok: true,
    schedule: {
      source: trimmed,
      minutes,
      hours,
      days,
      months,
      weekdays,
      dayRestricted: !/^[*?]/.test(fields[2] as string),
      weekdayRestricted: !/^[*?]/.test(fields[4] as string),
    },
  };
}

function matchesDay(schedule: CronSchedule, date: Date): boolean {
  const day = schedule.days.has(date.getUTCDate());
  const weekday = schedule.weekdays.has(date.getUTCDay());
  if (schedule.dayRestricted && schedule.weekdayRestricted) return day || weekday;
  return day && weekday;
}

function matches(schedule: CronSchedule, date: Date): boolean {
  return (
    schedule.minutes.has(date.getUTCMinutes()) &&
    schedule.hours.has(date.getUTCHours()) &&
    schedule.months.has(date.getUTCMonth() + 1) &&
    matchesDay(schedule, date)
  );
}

const MINUTE = 60_000;
/** Five years of minutes bounds the search (e.g. "0 0 29 2 *" fires only in leap years). */
const SEARCH_LIMIT = 5 * 366 * 24 * 60;

/** The last time at or before `at` when the schedule fired, or undefined if none in 5 years. */
export function previousRun(schedule: CronSchedule, at: Date): Date | undefined {
  let time = Math.floor(at.getTime() / MINUTE) * MINUTE;
  for (let step = 0; step < SEARCH_LIMIT; step++, time -= MINUTE) {
    const date = new Date(time);
    if (matches(schedule, date)) return date;
  }
  return undefined;
}

/** The first time strictly after `at` when the schedule fires, or undefined if none in 5 years. */
export function nextRun(schedule: CronSchedule, at: Date): Date | undefined {
  let time = (Math.floor(at.getTime() / MINUTE) + 1) * MINUTE;
  for (let step = 0; step < SEARCH_LIMIT; step++, time += MINUTE) {
    const date = new Date(time);
    if (matches(schedule, date)) return date;
  }
  return undefined;
}

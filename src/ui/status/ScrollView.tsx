import {Box, Text} from 'ink';
import {wrapWords} from '../wrap.js';

/** One logical line of a view; it wraps at word boundaries to as many rows as it needs. */
export interface ViewLine {
  readonly text: string;
  readonly color?: string | undefined;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

/** Lines wrapped to `width`: each returned row fits, so nothing is cut. */
export function wrapLines(lines: readonly ViewLine[], width: number): ViewLine[] {
  return lines.flatMap((line) =>
    wrapWords(line.text, width).map((text) => ({...line, text: text === '' ? ' ' : text})),
  );
}

/** The first row shown for `scroll` (Infinity = the end) with `total` rows in `page` lines. */
function clampScroll(scroll: number, total: number, page: number): number {
  return Math.max(0, Math.min(scroll, total - page));
}

/** Rows a view scrolls over and lines it shows at once, for the keys that move it. */
export interface ScrollExtent {
  readonly total: number;
  readonly page: number;
}

/** How many rows a page shows in `height` lines (one goes to the position line when it overflows). */
export function scrollExtent(total: number, height: number): ScrollExtent {
  return {total, page: total <= height ? height : Math.max(1, height - 1)};
}

/**
 * A view taller than the screen: rows already wrapped (wrapLines), a window of `height` lines from
 * `scroll`, and where that window is (`21-38/60`) on the last line when not everything fits. The
 * keys that move it are the view's own (↑↓ PgUp PgDn Home End, in keys.ts).
 */
export function ScrollView({
  rows,
  width,
  height,
  scroll,
}: {
  readonly rows: readonly ViewLine[];
  readonly width: number;
  readonly height: number;
  readonly scroll: number;
}) {
  const {page} = scrollExtent(rows.length, height);
  const fits = rows.length <= height;
  const start = clampScroll(scroll, rows.length, page);
  const shown = rows.slice(start, start + page);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((row, index) => (
        <Text key={index} color={row.color} bold={row.bold ?? false} dimColor={row.dim ?? false} wrap="truncate">
          {row.text}
        </Text>
      ))}
      {fits ? null : (
        <Text dimColor wrap="truncate">
          {`── ${start + 1}-${start + shown.length}/${rows.length} · ↑↓ PgUp PgDn Home End `.padEnd(width, '─')}
        </Text>
      )}
    </Box>
  );
}

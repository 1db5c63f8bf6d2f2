import {Box, Text} from 'ink';
import {memo} from 'react';
import {visibleWindow} from './layout.js';
import {type Row, rowText} from './rows.js';

export interface PaneProps {
  readonly title: string;
  readonly focused: boolean;
  readonly header?: string | undefined;
  readonly rows: readonly Row[];
  /** Index into rows of the selected row, or -1. */
  readonly selected: number;
  /** Lines available for rows; only that many rows are rendered. */
  readonly height: number;
  readonly width: number;
  /** The time ages are shown at. */
  readonly now: number;
}

/**
 * A titled list that draws only the rows in view, so thousands of rows cost the same as ten.
 * Memoised: a pane whose rows did not change (rows.ts reuses them) is not re-rendered, and a tick
 * of the clock redraws only the lines in view.
 */
export const Pane = memo(function Pane({title, focused, header, rows, selected, height, width, now}: PaneProps) {
  const {start, end} = visibleWindow(rows.length, Math.max(0, selected), height);
  const more = rows.length > end - start ? ` ${start + 1}-${end}/${rows.length}` : '';
  // ▸, not ▶: string-width 7 and 8 disagree on ▶'s width, and measuring it sent every frame down
  // string-width's slow path (Intl.Segmenter and the emoji regular expression).
  const heading = `${focused ? '▸' : ' '} ${title}${more} `;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={focused} color={focused ? 'magenta' : undefined} wrap="truncate">
        {heading.padEnd(width, '─')}
      </Text>
      {header ? (
        <Text dimColor wrap="truncate">
          {header}
        </Text>
      ) : null}
      {rows.slice(start, end).map((row, offset) => {
        const isSelected = focused && start + offset === selected;
        return (
          <Text key={row.key} color={row.color} inverse={isSelected} wrap="truncate">
            {rowText(row, now)}
          </Text>
        );
      })}
    </Box>
  );
});

import {wrapWords} from '../wrap.js';
import type {KeyBinding, ViewKind} from './keys.js';
import type {ViewLine} from './ScrollView.js';

const VIEW_NAMES: Record<ViewKind, string> = {
  panes: 'the panes',
  details: 'details',
  logs: 'logs',
  help: 'this list',
};

const KEY_COLUMN = 20;

/** The `?` overlay: every key of the view it was opened from, from that view's key table. */
export function helpLines(kind: ViewKind, table: readonly KeyBinding[]): ViewLine[] {
  return [
    {text: `Keys in ${VIEW_NAMES[kind]}`, bold: true},
    ...table.map((binding) => ({text: `${binding.keys}\t${binding.does}`})),
    {text: ' '},
    {text: 'Anything cut off with … opens in full: enter on its row, i for the header.', dim: true},
  ];
}

/** Help lines wrapped as two columns: the keys, then what they do (wrapped under itself). */
export function wrapHelp(lines: readonly ViewLine[], width: number): ViewLine[] {
  const column = width >= KEY_COLUMN + 30 ? KEY_COLUMN : 0;
  return lines.flatMap((line) => {
    const [keys = '', does] = line.text.split('\t');
    if (does === undefined) return wrapWords(line.text, width).map((text) => ({...line, text: text || ' '}));
    if (column === 0 || keys.length >= column)
      return [{...line, text: keys, bold: true}, ...wrapWords(`  ${does}`, width).map((text) => ({...line, text}))];
    return wrapWords(does, width - column).map((text, index) => ({
      ...line,
      text: `${index === 0 ? keys.padEnd(column) : ' '.repeat(column)}${text}`,
    }));
  });
}

/**
 * Semantic colours for plain (non-Ink) output. Components use the same names through theme.ts, so
 * "ok", "warn" and "error" look alike everywhere, and --no-color turns every one of them off.
 */
export interface Style {
  readonly ok: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly error: (text: string) => string;
  readonly info: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly accent: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001B[${open}m${text}\u001B[${close}m`;
}

const identity = (text: string): string => text;

export function createStyle(color: boolean): Style {
  if (!color) {
    return {
      ok: identity,
      warn: identity,
      error: identity,
      info: identity,
      dim: identity,
      bold: identity,
      accent: identity,
    };
  }
  return {
    ok: sgr(32, 39),
    warn: sgr(33, 39),
    error: sgr(31, 39),
    info: sgr(36, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    accent: sgr(35, 39),
  };
}

/** Removes SGR sequences, for width maths and for tests. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001B\[[0-9;]*m/g, '');
}

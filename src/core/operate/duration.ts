const UNITS: Record<string, number> = {ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** A Go duration (`10m`, `90s`, `1h30m`, as helm and kubectl take them) in milliseconds; undefined if not one. */
export function durationMs(text: string): number | undefined {
  if (!GO_DURATION.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 0);
  return total;
}

/** Short ages as kubectl prints them: 45s, 12m, 3h, 5d (two units under a day, like 2h15m). */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return `${days}d${hours % 24 ? `${hours % 24}h` : ''}`;
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

/**
 * Milliseconds until formatAge(ms) reads differently: 1 s while seconds are shown (under 10 min),
 * then the next minute, hour or day boundary. The live screen sleeps until the first visible age
 * changes instead of redrawing every second.
 */
export function nextAgeChange(ms: number): number {
  const age = Math.max(0, ms);
  const unit = (size: number): number => size - (age % size);
  const minutes = age / 60_000;
  if (minutes < 10) return unit(1000);
  if (minutes < 8 * 60) return unit(60_000);
  if (minutes < 8 * 24 * 60) return unit(3_600_000);
  return unit(86_400_000);
}

/** 0B, 512B, 4.0KiB, 12MiB. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value}B` : `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}

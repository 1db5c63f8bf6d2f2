import {Box, Text} from 'ink';
import type {HealthLevel, StatusModel} from '../../core/status/model.js';
import {textWidth} from '../wrap.js';

const HEALTH_COLOR: Record<HealthLevel, string> = {
  healthy: 'green',
  progressing: 'cyan',
  degraded: 'yellow',
  unhealthy: 'red',
};

/** Cuts `text` to `width` columns, saying where the rest is (`i` shows the header uncut). */
function cutToWidth(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const mark = '… (i)';
  return `${[...text].slice(0, Math.max(0, width - mark.length)).join('')}${mark}`;
}

interface HeaderRows {
  readonly where: string;
  readonly connection: {readonly text: string; readonly color: string};
  /** After the level word. */
  readonly reason: string;
  readonly kubeMessage?: string;
  readonly length: number;
}

/** The header's rows at `width`; `length` is what the layout reserves for it. */
export function headerRows(model: StatusModel, width: number): HeaderRows {
  const {meta, sources, health} = model;
  const kube = sources.kube;
  const connection =
    kube.state === 'live'
      ? {text: '● live', color: 'green'}
      : kube.state === 'reconnecting'
        ? {text: '◌ reconnecting', color: 'yellow'}
        : kube.state === 'error'
          ? {text: '✖ error', color: 'red'}
          : {text: '◌ connecting', color: 'cyan'};
  const where = cutToWidth(
    `status ${meta.context} · ${meta.namespace} · ${meta.release}`,
    width - connection.text.length - 1,
  );
  const first = health.reasons[0];
  const more = health.reasons.length > 1 ? ` (+${health.reasons.length - 1}, i)` : '';
  const reasonWidth = width - health.level.length;
  const full = first ? ` — ${first}${more}` : '';
  const reason = textWidth(full) <= reasonWidth ? full : cutToWidth(` — ${first}`, reasonWidth);
  const kubeMessage = kube.state !== 'live' && kube.message ? cutToWidth(kube.message, width) : undefined;
  return {where, connection, reason, ...(kubeMessage ? {kubeMessage} : {}), length: kubeMessage ? 3 : 2};
}

/** Context, namespace, release, connection state and overall health; `i` shows all of it uncut. */
export function Header({
  rows,
  model,
  width,
}: {
  readonly rows: HeaderRows;
  readonly model: StatusModel;
  readonly width: number;
}) {
  const {health} = model;
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between" width={width}>
        <Text wrap="truncate">
          <Text bold>status</Text>
          {rows.where.slice('status'.length)}
        </Text>
        <Text color={rows.connection.color}>{rows.connection.text}</Text>
      </Box>
      <Text wrap="truncate">
        <Text color={HEALTH_COLOR[health.level]} bold>
          {health.level}
        </Text>
        {rows.reason}
      </Text>
      {rows.kubeMessage ? (
        <Text color="yellow" wrap="truncate">
          {rows.kubeMessage}
        </Text>
      ) : null}
    </Box>
  );
}

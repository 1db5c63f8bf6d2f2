import {Box, Text} from 'ink';
import type {HealthLevel, StatusModel} from '../../core/status/model.js';

const HEALTH_COLOR: Record<HealthLevel, string> = {
  healthy: 'green',
  progressing: 'cyan',
  degraded: 'yellow',
  unhealthy: 'red',
};

/** Context, namespace, release, connection state and overall health. */
export function Header({model, width}: {readonly model: StatusModel; readonly width: number}) {
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
  const rev = model.release ? ` rev ${model.release.revision} (${model.release.status})` : '';
  const where = `${meta.context} · ${meta.namespace} · ${meta.release}${rev}`;
  const reason = health.reasons[0];
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between" width={width}>
        <Text wrap="truncate">
          <Text bold>status</Text> {where}
        </Text>
        <Text color={connection.color}>{connection.text}</Text>
      </Box>
      <Text wrap="truncate">
        <Text color={HEALTH_COLOR[health.level]} bold>
          {health.level}
        </Text>
        {reason ? ` — ${reason}${health.reasons.length > 1 ? ` (+${health.reasons.length - 1})` : ''}` : ''}
      </Text>
      {kube.state !== 'live' && kube.message ? (
        <Text color="yellow" wrap="truncate">
          {kube.message}
        </Text>
      ) : null}
    </Box>
  );
}

import {parseArgs} from 'node:util';
import type {PeerOptions} from './index.js';

/**
 * Flags of `npm run bench -- …`:
 *   --no-peer            only the offline figures (no cluster, no k9s)
 *   --peer-only          only the peer section
 *   --sizes 100,1000     pod counts (default 100,1000,5000)
 *   --runs 3             interleaved live-screen runs per size (default 3)
 *   --profile            CPU profile + heap snapshot of the live screen at the largest size
 *   --only deploy,live,status   some of the peer sections (default: all three)
 */
export function benchOptions(argv: readonly string[]): {peer: boolean; offline: boolean; peerOptions: PeerOptions} {
  const {values} = parseArgs({
    args: [...argv],
    options: {
      'no-peer': {type: 'boolean'},
      'peer-only': {type: 'boolean'},
      sizes: {type: 'string'},
      runs: {type: 'string'},
      changes: {type: 'string'},
      'status-runs': {type: 'string'},
      'deploy-runs': {type: 'string'},
      profile: {type: 'boolean'},
      only: {type: 'string'},
    },
  });
  const number = (value: string | undefined, fallback: number): number => {
    const parsed = Number(value);
    return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  const sizes = (values.sizes ?? '100,1000,5000')
    .split(',')
    .map(Number)
    .filter((size) => Number.isInteger(size) && size > 0)
    .sort((a, b) => a - b);
  return {
    peer: !values['no-peer'],
    offline: !values['peer-only'],
    peerOptions: {
      sizes,
      liveRuns: number(values.runs, 3),
      changes: number(values.changes, 3),
      statusRuns: number(values['status-runs'], 7),
      deployRuns: number(values['deploy-runs'], 5),
      profile: values.profile === true,
      sections: new Set((values.only ?? 'deploy,live,status').split(',').map((name) => name.trim())),
      log: (line) => void process.stderr.write(`[bench] ${line}\n`),
    },
  };
}

import {describe, expect, it} from 'vitest';
import {FIXTURE_NOW, fixturePod, fixtureStore} from '../../../test/helpers/status-fixtures.js';
import {buildModel} from '../../core/status/model.js';
import {createStyle} from '../style.js';
import {renderStatusText} from './text.js';

describe('renderStatusText', () => {
  it('prints health, pods with diagnosis, namespaces and backups as plain lines', () => {
    const store = fixtureStore();
    store.upsertPod(fixturePod('buntime-1', 'runtime', 'pending', 10 * 60_000));
    store.setClaims([{name: 'buntime-plugins', phase: 'Pending'}]);
    const text = renderStatusText(buildModel(store.state, FIXTURE_NOW), createStyle(false));
    expect(text).toContain('Release buntime in zomme (context kwok-test): unhealthy');
    expect(text).toContain('  - pod buntime-1: Pending (Unschedulable)');
    expect(text).toContain('    buntime-0  1/1  Running  restarts 0  age 60m  node kwok-node-0');
    expect(text).toContain('      problem: Pending: PVC buntime-plugins is Pending and has no StorageClass.');
    expect(text).toContain('  api-keys  explicit, locked  created 3d ago  accessed 60s ago  8.0KiB  backups 2');
    expect(text).toContain(
      '  schedule 0 2 * * *  last scheduled run 10h ago  last successful run 9h ago  manual runs 0',
    );
    expect(text).toContain('  api-keys: 2/14 snapshots');
    expect(text).not.toMatch(/\u001B\[/);
  });
});

import {describe, expect, it, vi} from 'vitest';
import {KEYS, renderInk} from '../../../test/helpers/render-ink.js';
import type {ClusterInfo, OnlineCluster} from '../../adapters/kube/cluster-info.js';
import {onlineCluster} from '../../../test/helpers/cluster-info.js';
import {startModel} from './start-model.js';
import {StartScreen} from './StartScreen.js';

const rwxOf = (provisioner: string): 'yes' | 'no' | 'unknown' =>
  provisioner.includes('nfs') ? 'yes' : provisioner.includes('local-path') ? 'no' : 'unknown';

const online = (overrides: Partial<OnlineCluster> = {}): ClusterInfo => onlineCluster(overrides);

const HELM = {found: true as const, version: 'v3.21.4'};
const release = (status: string) => ({
  name: 'buntime',
  namespace: 'zomme',
  revision: 3,
  status,
  chart: 'buntime',
  chartVersion: '0.6.0',
});

describe('StartScreen', () => {
  it.each([100, 60])('shows the cluster at a glance (%i columns)', async (columns) => {
    const model = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns});
    const frame = await ink.waitFor('What do you want to do?');
    expect(frame).toContain('v1.36.3');
    expect(frame).toContain('3/3 nodes Ready');
    expect(frame).toContain('zomme (will be created)');
    expect(frame).toMatch(/local-path \(default\) RWO/);
    expect(frame).toMatch(/nfs RWO\+RWX/);
    expect(frame).toContain('cert-manager: home-ca');
    expect(frame).toContain('buntime (not installed)');
    expect(frame).toContain('❯ Install Buntime (day zero)');
    expect(frame.replace(/\s+/g, ' ')).toContain('(nothing installed yet)');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    ink.unmount();
  });

  it('picks an action with the keyboard, skipping disabled ones', async () => {
    const model = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    const onChoose = vi.fn();
    const ink = renderInk(<StartScreen model={model} onChoose={onChoose} />);
    await ink.waitFor('❯ Install');
    await ink.press(KEYS.down);
    // Upgrade and status are disabled for a fresh cluster: the next pick is "render only".
    await ink.waitFor('❯ Render only');
    await ink.press(KEYS.enter);
    expect(onChoose).toHaveBeenCalledWith('render');
    ink.unmount();
  });

  it('keys typed in one burst are applied in order', async () => {
    const onChoose = vi.fn();
    const ink = renderInk(
      <StartScreen
        model={startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf})}
        onChoose={onChoose}
      />,
    );
    await ink.waitFor('❯ Install');
    ink.stdin.write(KEYS.down + KEYS.enter);
    await ink.press();
    expect(onChoose).toHaveBeenCalledWith('render');
    ink.unmount();
  });

  it('a deployed release: what helm status says, and the day-2 actions', async () => {
    const deployed = {
      ...release('deployed'),
      appVersion: '1.4.0',
      lastDeployed: '2026-12-03T19:09:06.84337029Z',
      description: 'Upgrade complete',
      notes: 'Buntime 1.4.0 (buntime, namespace zomme): 3 pod(s), StatefulSet buntime.\n\n1. Reach the runtime:',
    };
    const model = startModel({
      cluster: online({releases: [deployed], namespace: {name: 'zomme', exists: true}}),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    // Tall enough that the facts are not clipped (that is tested at 60×20 below).
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 100, rows: 40});
    const frame = (await ink.waitFor('What do you want to do?')).replace(/\s+/g, ' ');
    expect(frame).toContain('buntime rev 3 · deployed · chart 0.6.0');
    expect(frame).toContain('app 1.4.0 · last deployed 2026-12-03T19:09:06Z');
    expect(frame).toContain('Upgrade complete');
    expect(frame).toContain(
      'Buntime 1.4.0 (buntime, namespace zomme): 3 pod(s), StatefulSet buntime. (all notes: buntime-deploy status)',
    );
    for (const label of [
      'History and rollback',
      'Restart the runtime pods (rolling)',
      'Plugins (list, push, remove)',
      'Uninstall (says what stays)',
    ])
      expect(frame).toContain(label);
    ink.unmount();
  });

  it('not installed, but an earlier install left claims and the Secret: says so, and the install re-uses them', async () => {
    const claim = (name: string, storageClass: string) => ({
      name,
      uid: name,
      storageClass,
      accessModes: ['ReadWriteMany'],
      request: '5Gi',
      capacity: '5Gi',
      phase: 'Bound',
      keep: true,
    });
    const model = startModel({
      cluster: online({claims: [claim('buntime-plugins', 'nfs'), claim('other-data', 'nfs')], credentialsSecret: true}),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    expect(model.actions.map((action) => action.id)).toEqual([
      'install',
      'upgrade',
      'status',
      'restore',
      'uninstall',
      'render',
      'export',
      'quit',
    ]);
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 100});
    const frame = (await ink.waitFor('What do you want to do?')).replace(/\s+/g, ' ');
    expect(frame).toContain('An earlier install of buntime left data here; an install re-uses it:');
    expect(frame).toContain('PVC buntime-plugins 5Gi nfs ReadWriteMany (Bound)');
    expect(frame).not.toContain('other-data');
    expect(frame).toContain('Secret buntime-credentials (the same root key)');
    expect(frame).toContain('❯ Install Buntime (re-uses the kept data)');
    expect(frame).toContain('Delete the data kept from an earlier install');
    ink.unmount();
  });

  it('q quits', async () => {
    const onChoose = vi.fn();
    const ink = renderInk(
      <StartScreen
        model={startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf})}
        onChoose={onChoose}
      />,
    );
    await ink.press('q');
    expect(onChoose).toHaveBeenCalledWith('quit');
    ink.unmount();
  });

  it('an existing release defaults to upgrade', async () => {
    const model = startModel({
      cluster: online({releases: [release('deployed')]}),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    expect(model.defaultAction).toBe('upgrade');
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />);
    const frame = await ink.waitFor('❯ Upgrade');
    expect(frame).toContain('buntime rev 3 · deployed · chart 0.6.0');
    expect(frame).toContain('(already installed: use upgrade)');
    ink.unmount();
  });

  it('an installed release offers the restore from backups; a fresh cluster shows why not', async () => {
    const installed = startModel({
      cluster: online({releases: [release('deployed')]}),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    expect(installed.actions.find((action) => action.id === 'restore')).toEqual({
      id: 'restore',
      label: 'Restore databases from a backup (lost volume)',
    });
    const onChoose = vi.fn();
    const ink = renderInk(<StartScreen model={installed} onChoose={onChoose} />);
    await ink.waitFor('❯ Upgrade');
    await ink.press(KEYS.down);
    await ink.press(KEYS.down);
    await ink.waitFor('❯ Restore databases from a backup');
    await ink.press(KEYS.enter);
    expect(onChoose).toHaveBeenCalledWith('restore');
    ink.unmount();
    const fresh = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    expect(fresh.actions.find((action) => action.id === 'restore')?.disabled).toBe('nothing installed yet');
  });

  it('a stuck release offers recovery first and explains it', async () => {
    const model = startModel({
      cluster: online({releases: [release('pending-upgrade')]}),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 60});
    const frame = await ink.waitFor('❯ Recover the stuck release');
    expect(frame).toContain('pending-upgrade');
    expect(frame.replace(/\s+/g, ' ')).toContain('(stuck in pending-upgrade)');
    expect(frame).toMatch(/interrupted/);
    ink.unmount();
  });

  it('offline: render-only with the reason and what to do', async () => {
    const cluster: ClusterInfo = {
      online: false,
      reason: 'Cannot reach the API server at https://10.0.0.1:6443: ECONNREFUSED.',
      hint: 'Check the VPN.',
      context: 'prod',
    };
    const model = startModel({cluster, helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    expect(model.defaultAction).toBe('render');
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 60});
    const frame = await ink.waitFor('❯ Render only');
    expect(frame).toContain('offline (prod)');
    expect(frame).toContain('ECONNREFUSED');
    expect(frame).toContain('Install Buntime (day zero) (no cluster)');
    ink.unmount();
  });

  it('missing helm is explained with the install hint', async () => {
    const model = startModel({
      cluster: online(),
      helm: {found: false, hint: 'Install helm 3 or 4 (https://helm.sh/docs/intro/install/)'},
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
    });
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />);
    const frame = await ink.waitFor('What do you want to do?');
    expect(frame).toContain('not found');
    expect(frame).toContain('https://helm.sh/docs/intro/install/');
    expect(frame).toContain('(helm not found)');
    ink.unmount();
  });

  it('a release a GitOps engine owns: named, direct changes refused, the export offered first', async () => {
    const owner = {
      engine: 'flux' as const,
      engineName: 'Flux',
      owner: 'HelmRelease flux-system/buntime',
      evidence: 'label helm.toolkit.fluxcd.io/name on StatefulSet buntime',
    };
    const cluster = online({releases: [release('deployed')]});
    const model = startModel({cluster, helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf, owner});
    expect(model.defaultAction).toBe('export');
    expect(model.actions.find((action) => action.id === 'upgrade')?.disabled).toBe('managed by Flux: export instead');
    expect(model.actions.find((action) => action.id === 'status')?.disabled).toBeUndefined();
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />);
    const frame = (await ink.waitFor('❯ Export for GitOps')).replace(/\s+/g, ' ');
    expect(frame).toContain('managed by Flux (HelmRelease flux-system/buntime)');
    expect(frame).toContain('seen: label helm.toolkit.fluxcd.io/name');
    ink.unmount();
    // --force: the direct actions come back, the owner is still named.
    const forced = startModel({cluster, helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf, owner, force: true});
    expect(forced.defaultAction).toBe('upgrade');
    expect(forced.actions.find((action) => action.id === 'upgrade')?.disabled).toBeUndefined();
    // Argo CD applies without a Helm release record: upgrade is still the refused action, not "nothing installed".
    const argo = startModel({
      cluster: online(),
      helm: HELM,
      namespace: 'zomme',
      release: 'buntime',
      rwxOf,
      owner: {...owner, engine: 'argocd', engineName: 'Argo CD', owner: 'Application buntime'},
    });
    expect(argo.actions.find((action) => action.id === 'upgrade')?.disabled).toBe('managed by Argo CD: export instead');
    expect(argo.actions.find((action) => action.id === 'install')?.disabled).toBe('managed by Argo CD: export instead');
  });

  it('suggests the preset the cluster looks like, with the reason (k3s local-path default)', async () => {
    const model = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    expect(model.preset).toEqual({
      preset: 'k3s',
      reason: 'default StorageClass local-path (rancher.io/local-path), as in k3s',
    });
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 100});
    const frame = await ink.waitFor('What do you want to do?');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      'Preset k3s (suggested: default StorageClass local-path (rancher.io/local-path), as in k3s)',
    );
    ink.unmount();
  });

  it('a namespace that holds the release exists, even when another one was inspected', async () => {
    // No --namespace: the inspection looked at the default one, then the wizard adopted the only release.
    const cluster = online({
      namespace: {name: 'buntime', exists: false},
      namespaces: [],
      releases: [release('deployed')],
    });
    const model = startModel({cluster, helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 100});
    const frame = await ink.waitFor('What do you want to do?');
    expect(frame).toContain('zomme (exists, holds release buntime)');
    expect(frame).not.toContain('will be created');
    ink.unmount();
  });
});

describe('StartScreen keys', () => {
  it('the hint shows ? and q, and ? lists every key of the menu', async () => {
    const model = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 60});
    const frame = await ink.waitFor('What do you want to do?');
    expect(frame.trimEnd().split('\n').at(-1)).toBe('↑/↓ move · enter choose · ? keys · q quit');
    await ink.press('?');
    const help = await ink.waitFor('quit: nothing is changed');
    expect(help).toContain('show or hide this list');
    ink.unmount();
  });
});

describe('StartScreen height', () => {
  it('fits a 60×20 terminal: the facts are clipped with a position line, PgDn scrolls them', async () => {
    const model = startModel({
      cluster: online({
        releases: [release('deployed'), {...release('deployed'), namespace: 'walk1'}],
      }),
      helm: HELM,
      namespace: 'fresh',
      release: 'buntime',
      rwxOf,
    });
    const ink = renderInk(<StartScreen model={model} onChoose={() => {}} />, {columns: 60, rows: 20});
    const frame = await ink.waitFor(/── 1-\d+\/\d+ · PgUp PgDn/);
    expect(frame.split('\n').length).toBeLessThan(20);
    expect(frame).toContain('What do you want to do?');
    expect(frame).toContain('buntime-deploy');
    await ink.press(KEYS.pageDown);
    await ink.waitFor(/── (?!1-)\d+-\d+\/\d+/);
    expect(ink.frame().split('\n').length).toBeLessThan(20);
    ink.unmount();
  });
});

describe('StartScreen: keys in one chunk', () => {
  it('"?" then Enter typed at once: the list toggles and the action is chosen', async () => {
    const onChoose = vi.fn();
    const model = startModel({cluster: online(), helm: HELM, namespace: 'zomme', release: 'buntime', rwxOf});
    const ink = renderInk(<StartScreen model={model} onChoose={onChoose} />);
    await ink.waitFor('❯ Install');
    ink.stdin.write('??\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChoose).toHaveBeenCalledWith('install');
    expect(onChoose).toHaveBeenCalledTimes(1);
    ink.unmount();
  });
});

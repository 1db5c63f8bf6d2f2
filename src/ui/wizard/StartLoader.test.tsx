import {describe, expect, it, vi} from 'vitest';
import {KEYS, renderInk} from '../../../test/helpers/render-ink.js';
import {startModel, type StartModel} from './start-model.js';
import {StartLoader} from './StartLoader.js';

const offline = (): StartModel =>
  startModel({
    cluster: {online: false, reason: 'No kubeconfig found.', hint: 'Point KUBECONFIG at your cluster.'},
    helm: {found: true, version: 'v4.2.4'},
    namespace: 'buntime',
    release: 'buntime',
    rwxOf: () => 'unknown',
  });

function deferred<T>(): {promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return {promise, resolve, reject};
}

describe('StartLoader', () => {
  it.each([100, 60])(
    'shows the header at once, then the Start screen, and passes the choice on (%i columns)',
    async (columns) => {
      const load = deferred<StartModel>();
      const onDone = vi.fn();
      const ink = renderInk(<StartLoader load={() => load.promise} context="lab" onDone={onDone} />, {columns});
      const first = await ink.waitFor('Looking at the cluster');
      expect(first).toContain('buntime-deploy');
      expect(first).toContain('(lab)');
      expect(first).not.toContain('What do you want to do?');
      load.resolve(offline());
      await ink.waitFor('What do you want to do?');
      await ink.press('q');
      expect(onDone).toHaveBeenCalledWith({action: 'quit'});
      ink.unmount();
    },
  );

  it('reports a failed inspection instead of waiting forever', async () => {
    const load = deferred<StartModel>();
    const onDone = vi.fn();
    const ink = renderInk(<StartLoader load={() => load.promise} onDone={onDone} />);
    await ink.waitFor('Looking at the cluster');
    const failure = new Error('inspection crashed');
    load.reject(failure);
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({error: failure}));
    await ink.press(KEYS.enter);
    expect(onDone).toHaveBeenCalledTimes(1);
    ink.unmount();
  });
});

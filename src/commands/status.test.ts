import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {captureIo} from '../../test/helpers/io.js';
import {main} from '../cli.js';

const dir = mkdtempSync(join(tmpdir(), 'status-cmd-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('buntime-deploy status (without a cluster)', () => {
  it('explains a missing kubeconfig with exit 2', async () => {
    const io = captureIo({env: {KUBECONFIG: join(dir, 'missing'), HOME: dir}});
    expect(await main(['status', '--json'], io)).toBe(2);
    expect(io.err()).toContain('No Kubernetes cluster configured');
    expect(io.err()).toContain('KUBECONFIG');
  });

  it('names the contexts that exist when --kube-context is wrong', async () => {
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: only, context: {cluster: c, user: u}}]\ncurrent-context: only\n',
    );
    const io = captureIo({env: {KUBECONFIG: kubeconfig}});
    expect(await main(['status', '--kube-context', 'nope'], io)).toBe(2);
    expect(io.err()).toContain("Kube context 'nope' does not exist.");
    expect(io.err()).toContain('only');
  });
});

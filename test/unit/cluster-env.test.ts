/** `npm run cluster -- env` output must be usable with eval in a POSIX shell, whatever the values hold. */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {exportLines, type ClusterInfo} from '../cluster/info.js';

const info: ClusterInfo = {
  name: 'dev',
  workdir: '/tmp/buntime-cluster-dev',
  kubeconfig: '/tmp/buntime-cluster-dev/kube config',
  server: 'https://127.0.0.1:6443',
  helm3: '/cache/helm-v3.21.4/helm',
  helm4: '/cache/helm-v4.2.4/helm',
  kubectl: '/cache/kubectl-v1.36.3/kubectl',
  s3: {
    endpoint: 'http://127.0.0.1:9000',
    region: 'us-east-1',
    accessKeyId: 'ak',
    secretAccessKey: 's\'e$c"ret`x`',
    bucket: 'b',
  },
  ports: {},
  pgid: 1,
  control: {url: 'http://127.0.0.1:1', token: 't'},
  podLogsDir: '/tmp/buntime-cluster-dev/podlogs',
  podFsDir: '/tmp/c/podfs',
};

describe('exportLines', () => {
  it('evaluates in sh to the exact values, with helm 3 then kubectl first on PATH', () => {
    const script = `${exportLines(info)}printf '%s\\n' "$KUBECONFIG" "$BUNTIME_TEST_S3_SECRET_KEY" "$BUNTIME_TEST_HELM4" "$PATH"`;
    const result = spawnSync('sh', ['-c', script], {env: {PATH: '/usr/bin:/bin'}, encoding: 'utf8'});
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      '/tmp/buntime-cluster-dev/kube config',
      's\'e$c"ret`x`',
      '/cache/helm-v4.2.4/helm',
      '/cache/helm-v3.21.4:/cache/kubectl-v1.36.3:/usr/bin:/bin',
    ]);
  });
});

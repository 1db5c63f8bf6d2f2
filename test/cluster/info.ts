import {delimiter, dirname} from 'node:path';

/** S3 endpoint and credentials of the cluster's MinIO (throwaway, local: fine to hand to tests). */
export interface S3Info {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly bucket: string;
}

/** Everything a test or a person needs to use one running test cluster (JSON-serialisable). */
export interface ClusterInfo {
  readonly name: string;
  /** Temp directory holding certificates, etcd data, logs and the kubeconfig; removed at teardown. */
  readonly workdir: string;
  readonly kubeconfig: string;
  /** https://127.0.0.1:<port> */
  readonly server: string;
  readonly helm3: string;
  readonly helm4: string;
  readonly kubectl: string;
  readonly s3: S3Info;
  /** Ports in use, for diagnostics. */
  readonly ports: Readonly<Record<string, number>>;
  /** Process group of the cluster daemon and every component. */
  readonly pgid: number;
  /** The daemon's control endpoint (restart the API server, shut down), bearer-token protected. */
  readonly control: {readonly url: string; readonly token: string};
  /** Directory where kwok Logs files for setPodLogs are written. */
  readonly podLogsDir: string;
  /** kube-apiserver's audit log (JSON lines), only when the cluster was started with `audit`. */
  readonly auditLog?: string;
}

/**
 * Environment for tools run against the cluster: KUBECONFIG, PATH with helm 3 (then kubectl of the
 * server's version) first, and the BUNTIME_TEST_* variables tests read.
 */
export function clusterEnv(info: ClusterInfo, basePath: string): Record<string, string> {
  return {
    KUBECONFIG: info.kubeconfig,
    PATH: [dirname(info.helm3), dirname(info.kubectl), basePath].filter(Boolean).join(delimiter),
    BUNTIME_TEST_HELM3: info.helm3,
    BUNTIME_TEST_HELM4: info.helm4,
    BUNTIME_TEST_KUBECTL: info.kubectl,
    BUNTIME_TEST_S3_ENDPOINT: info.s3.endpoint,
    BUNTIME_TEST_S3_ACCESS_KEY: info.s3.accessKeyId,
    BUNTIME_TEST_S3_SECRET_KEY: info.s3.secretAccessKey,
    BUNTIME_TEST_S3_BUCKET: info.s3.bucket,
    BUNTIME_TEST_S3_REGION: info.s3.region,
  };
}

/** POSIX-shell single quoting. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `export` lines for `eval "$(npm run -s cluster -- env)"`; PATH keeps the caller's $PATH. */
export function exportLines(info: ClusterInfo): string {
  const env = clusterEnv(info, '');
  const lines = Object.entries(env).map(([key, value]) =>
    key === 'PATH' ? `export PATH=${shellQuote(value)}${delimiter}"$PATH"` : `export ${key}=${shellQuote(value)}`,
  );
  return `${lines.join('\n')}\n`;
}

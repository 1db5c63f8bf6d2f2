import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import {delimiter, join} from 'node:path';
import {UserError} from '../../core/errors.js';
import {
  appsApi,
  batchApi,
  coordinationApi,
  coreApi,
  customApi,
  networkingApi,
  policyApi,
  storageApi,
  versionApi,
} from './rest.js';

/** The parts of client-node we use (lib.ts); imported lazily so offline commands stay fast. */
export type K8s = typeof import('./lib.js');
type KubeConfig = InstanceType<K8s['KubeConfig']>;

export interface KubeConnection {
  readonly k8s: K8s;
  readonly kc: KubeConfig;
  /** Context in use (after --kube-context). */
  readonly context: string;
  /** API server URL from the kubeconfig. */
  readonly server: string;
  /** Namespace set on the context, if any. */
  readonly contextNamespace: string | undefined;
  readonly core: ReturnType<typeof coreApi>;
  readonly apps: ReturnType<typeof appsApi>;
  readonly batch: ReturnType<typeof batchApi>;
  readonly storage: ReturnType<typeof storageApi>;
  readonly networking: ReturnType<typeof networkingApi>;
  readonly policy: ReturnType<typeof policyApi>;
  readonly custom: ReturnType<typeof customApi>;
  readonly version: ReturnType<typeof versionApi>;
  readonly coordination: ReturnType<typeof coordinationApi>;
}

/**
 * How long any command waits for the API server's first answer before it says it cannot reach
 * it: one figure for install, upgrade, the wizard and status alike.
 */
export const CONNECT_TIMEOUT_MS = 8000;

export interface ConnectOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly context?: string;
}

/** Kubeconfig files that exist, in the order kubectl reads them (KUBECONFIG, else ~/.kube/config). */
export function kubeconfigFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter(Boolean);
  const candidates = fromEnv.length > 0 ? fromEnv : [join(env['HOME'] ?? homedir(), '.kube', 'config')];
  return candidates.filter((file) => existsSync(file));
}

/**
 * Loads the kubeconfig exactly as kubectl would and builds the API clients. Returns undefined when
 * there is no kubeconfig at all (client-node would otherwise silently fall back to localhost:8080).
 * An unknown --kube-context is a UserError listing the contexts that exist.
 */
export async function connect(options: ConnectOptions): Promise<KubeConnection | undefined> {
  const files = kubeconfigFiles(options.env);
  if (files.length === 0) return undefined;
  const lib = await import('./lib.js');
  const kc = new lib.KubeConfig();
  if (files.length === 1) kc.loadFromFile(files[0] as string);
  else {
    // Merge like kubectl: first file wins for duplicate names.
    const merged = new lib.KubeConfig();
    for (const file of [...files].reverse()) {
      const part = new lib.KubeConfig();
      part.loadFromFile(file);
      merged.mergeConfig(part, true);
    }
    merged.setCurrentContext(files.length > 0 ? (firstCurrentContext(lib, files) ?? merged.getCurrentContext()) : '');
    kc.loadFromString(merged.exportConfig());
  }
  if (options.context) {
    if (!kc.getContexts().some((context) => context.name === options.context)) {
      const names = kc.getContexts().map((context) => context.name);
      throw new UserError(`Kube context '${options.context}' does not exist.`, {
        hint: names.length ? `Contexts in your kubeconfig: ${names.join(', ')}.` : 'Your kubeconfig has no contexts.',
      });
    }
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) return undefined;
  return {
    k8s: lib,
    kc,
    context,
    server: cluster.server,
    contextNamespace: kc.getContextObject(context)?.namespace,
    core: coreApi(kc),
    apps: appsApi(kc),
    batch: batchApi(kc),
    storage: storageApi(kc),
    networking: networkingApi(kc),
    policy: policyApi(kc),
    custom: customApi(kc),
    version: versionApi(kc),
    coordination: coordinationApi(kc),
  };
}

function firstCurrentContext(lib: K8s, files: readonly string[]): string | undefined {
  for (const file of files) {
    const part = new lib.KubeConfig();
    part.loadFromFile(file);
    const current = part.getCurrentContext();
    if (current) return current;
  }
  return undefined;
}

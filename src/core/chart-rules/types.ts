/**
 * Shared shapes of the chart's mandatory-default rules (seed "Helm & Kubernetes", principles 1
 * and 2). Pure data: the wizard, `buntime-deploy lint` and the chart tests all use them.
 */

/** The two rules of the seed. */
export const RULE_IDS = {
  /** /data/plugins, /data/apps, /data/state and /data/turso are always mounted, from the right source. */
  volumes: 'mandatory-volume',
  /** Core env variables are always defined, with a default, never inside {{ if }}. */
  env: 'mandatory-env-default',
  /** Tokens reach pods through Secrets; a ConfigMap is readable by anyone who can read the namespace. */
  secrets: 'secret-not-in-configmap',
  /** turso-server's admin token and URL reach only turso-server and the backup/restore Jobs. */
  admin: 'admin-not-in-runtime',
} as const;
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

// Findings are the shared type of src/core/findings.ts (`file`/`line` locate template and values findings).

/** Why an env variable may legitimately be conditional (the seed's accepted exceptions). */
export type EnvException = 'boolean' | 'array' | 'password';

/** A core environment variable of the runtime container and where its value comes from. */
export interface EnvSpec {
  readonly name: string;
  /** Dotted values path, when a value sets it. */
  readonly valuePath?: string;
  readonly type: 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'password';
  /** Rendered default, as the ConfigMap string. */
  readonly default?: string;
  /** `runtime` or `plugin:<short>`. */
  readonly source: string;
  /** Set when the variable may be left out (booleans, optional arrays, tokens). */
  readonly exception?: EnvException;
  /** Rendered with Helm's `default`, so "" (and 0) also fall back to the default. */
  readonly emptyUsesDefault?: boolean;
}

/** A volume the runtime container must always mount. */
export interface VolumeSpec {
  readonly name: string;
  readonly mountPath: string;
  /** shared = a PVC every pod mounts; perPod = a volumeClaimTemplate; perPodOrEmptyDir = either. */
  readonly source: 'shared' | 'perPod' | 'perPodOrEmptyDir';
  /** Values subtree that configures it. */
  readonly valuesPath: string;
}

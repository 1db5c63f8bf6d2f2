/**
 * Which built-in preset fits a cluster, from what the Start screen reads anyway (server version,
 * namespaces, StorageClasses), with the fact that decided it so the wizard can say why.
 */
import type {BuiltinPreset} from './preset.js';

export interface PresetFacts {
  /** e.g. v1.30.4+k3s1, v1.28.9+rke2r1. */
  readonly serverVersion?: string;
  readonly namespaces: readonly string[];
  readonly storageClasses: ReadonlyArray<{
    readonly name: string;
    readonly provisioner: string;
    readonly isDefault: boolean;
  }>;
}

export interface PresetGuess {
  readonly preset: BuiltinPreset;
  /** The fact it rests on, as a phrase: "default StorageClass local-path (rancher.io/local-path), as in k3s". */
  readonly reason: string;
}

/** The first rule that matches wins: the most specific facts first. */
export function detectPreset(facts: PresetFacts): PresetGuess | undefined {
  const version = facts.serverVersion ?? '';
  const openshift = facts.namespaces.find((name) => name === 'openshift-config' || name === 'openshift-apiserver');
  if (openshift) return {preset: 'openshift', reason: `namespace ${openshift} (OpenShift)`};
  if (/\+rke2/.test(version)) return {preset: 'rancher', reason: `server ${version} (RKE2)`};
  if (/\+k3s/.test(version)) return {preset: 'k3s', reason: `server ${version} (k3s)`};
  const fallback = facts.storageClasses.find((sc) => sc.isDefault);
  if (fallback?.provisioner === 'rancher.io/local-path')
    return {
      preset: 'k3s',
      reason: `default StorageClass ${fallback.name} (rancher.io/local-path), as in k3s`,
    };
  if (facts.namespaces.includes('cattle-system'))
    return {preset: 'rancher', reason: 'namespace cattle-system (managed by Rancher)'};
  return undefined;
}

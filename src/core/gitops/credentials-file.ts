/**
 * The 0600 file an export leaves OUTSIDE the export directory: the credentials the chart reads from
 * the `<fullname>-credentials` Secret, and which Secret that is. `buntime-deploy secrets apply`
 * creates or updates the Secret from it in each target cluster, or prints it as a manifest for the
 * team's own encryption (SOPS, Sealed Secrets).
 */
import {stringify} from 'yaml';
import {DNS_LABEL} from '../names.js';
import {
  CREDENTIAL_KEYS,
  credentialsFromSecretData,
  credentialsToSecretData,
  type Credentials,
} from '../credentials/keys.js';

export const CREDENTIALS_FILE_KIND = 'BuntimeCredentials';
export const CREDENTIALS_FILE_VERSION = 'buntime-deploy/v1';

export interface CredentialsFile {
  readonly release: string;
  readonly namespace: string;
  /** The Secret the chart's existingSecret values name. */
  readonly secretName: string;
  readonly credentials: Credentials;
}

export function credentialsFileText(file: CredentialsFile): string {
  const body = {
    apiVersion: CREDENTIALS_FILE_VERSION,
    kind: CREDENTIALS_FILE_KIND,
    release: file.release,
    namespace: file.namespace,
    secretName: file.secretName,
    data: credentialsToSecretData(file.credentials),
  };
  return [
    `# Buntime credentials for Secret ${file.namespace}/${file.secretName}. Mode 0600: never commit this file.`,
    '# Put them in each cluster with: buntime-deploy secrets apply --kube-context CONTEXT --secrets-file THIS_FILE',
    stringify(body, {version: '1.1', lineWidth: 0}),
  ].join('\n');
}

/** A problem at a path of the file (the caller turns the path into file:line:col). */
export interface FileProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** Reads a parsed credentials file; every problem is listed with where it is. */
export function parseCredentialsFile(value: unknown): {file?: CredentialsFile; problems: FileProblem[]} {
  const problems: FileProblem[] = [];
  const root = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (root['kind'] !== CREDENTIALS_FILE_KIND)
    problems.push({
      path: ['kind'],
      message: `is not ${CREDENTIALS_FILE_KIND} (not a file written by buntime-deploy export)`,
    });
  const text = (key: string): string => {
    const item = root[key];
    if (typeof item !== 'string' || !DNS_LABEL.test(item)) {
      problems.push({path: [key], message: 'must be a Kubernetes name (lower-case letters, digits and -)'});
      return '';
    }
    return item;
  };
  const release = text('release');
  const namespace = text('namespace');
  const secretName = text('secretName');
  const data = root['data'];
  const strings: Record<string, string> = {};
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({path: ['data'], message: 'must map credential keys to values'});
  } else {
    const known = new Set<string>(Object.values(CREDENTIAL_KEYS));
    for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
      if (!known.has(key))
        problems.push({path: ['data', key], message: `is not a credential key (${[...known].join(', ')})`});
      else if (typeof item !== 'string' || item === '')
        problems.push({path: ['data', key], message: 'must be a non-empty string'});
      else strings[key] = item;
    }
  }
  if (problems.length > 0) return {problems};
  return {file: {release, namespace, secretName, credentials: credentialsFromSecretData(strings)}, problems};
}

/** The Secret as a manifest (stringData), for `secrets apply --print` only: never written to disk. */
export function credentialsSecretManifest(file: CredentialsFile, labels: Readonly<Record<string, string>>): object {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {name: file.secretName, namespace: file.namespace, labels},
    stringData: credentialsToSecretData(file.credentials),
  };
}

import {randomBytes} from 'node:crypto';
import {
  credentialsFromSecretData,
  credentialsToSecretData,
  credentialsSecretLabels,
  GENERATED_CREDENTIALS,
  type CredentialName,
  type Credentials,
} from '../../core/credentials/keys.js';
import {ExternalError} from '../../core/errors.js';
import {apiReason, apiStatus, callOptions} from './api-options.js';
import type {KubeConnection} from './client.js';

/** 32 bytes from the OS CSPRNG, base64url (43 characters, no padding, safe in URLs and env). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Fills in the generated credentials that are still missing. Existing ones are never replaced:
 * tokens stay stable across upgrades unless the caller asks for a rotation by removing them first.
 */
export function completeCredentials(
  existing: Credentials,
  needed: readonly CredentialName[],
): {credentials: Credentials; generated: CredentialName[]} {
  const credentials: Credentials = {...existing};
  const generated: CredentialName[] = [];
  for (const name of needed) {
    if (!GENERATED_CREDENTIALS.includes(name) || credentials[name]) continue;
    credentials[name] = generateToken();
    generated.push(name);
  }
  return {credentials, generated};
}

export interface SecretRef {
  readonly namespace: string;
  readonly name: string;
  /** The release it belongs to (label only). */
  readonly release: string;
}

const TIMEOUT_MS = 15_000;

function decode(data: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) out[key] = Buffer.from(value, 'base64').toString('utf8');
  return out;
}

/** Reads the credentials Secret; `exists: false` when there is none yet. */
export async function readCredentials(
  connection: KubeConnection,
  ref: SecretRef,
): Promise<{exists: boolean; credentials: Credentials}> {
  try {
    const secret = await connection.core.readNamespacedSecret(
      {namespace: ref.namespace, name: ref.name},
      callOptions(TIMEOUT_MS),
    );
    return {exists: true, credentials: credentialsFromSecretData(decode(secret.data))};
  } catch (error) {
    if (apiStatus(error) === 404) return {exists: false, credentials: {}};
    throw new ExternalError(`Could not read Secret ${ref.namespace}/${ref.name}: ${apiReason(error)}.`, {
      command: `GET /api/v1/namespaces/${ref.namespace}/secrets/${ref.name}`,
    });
  }
}

/**
 * Creates or updates the credentials Secret through the API (never a command line, so values never
 * reach a process list). Keys already in the Secret that are not being set are kept. The Secret is
 * not Helm-managed: uninstalling or rolling back the release never loses the tokens.
 */
export async function writeCredentials(
  connection: KubeConnection,
  ref: SecretRef,
  credentials: Credentials,
): Promise<void> {
  const metadata = {
    name: ref.name,
    namespace: ref.namespace,
    labels: credentialsSecretLabels(ref.release),
  };
  const stringData = credentialsToSecretData(credentials);
  const where = `/api/v1/namespaces/${ref.namespace}/secrets/${ref.name}`;
  try {
    const current = await connection.core.readNamespacedSecret(
      {namespace: ref.namespace, name: ref.name},
      callOptions(TIMEOUT_MS),
    );
    const data = {...(current.data ?? {})};
    for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value, 'utf8').toString('base64');
    await connection.core.replaceNamespacedSecret(
      {
        namespace: ref.namespace,
        name: ref.name,
        // resourceVersion makes a concurrent edit fail instead of being overwritten.
        body: {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'Opaque',
          metadata: {
            ...metadata,
            labels: {...(current.metadata?.labels ?? {}), ...metadata.labels},
            annotations: current.metadata?.annotations,
            resourceVersion: current.metadata?.resourceVersion,
          },
          data,
        },
      },
      callOptions(TIMEOUT_MS),
    );
  } catch (error) {
    if (apiStatus(error) !== 404) {
      throw new ExternalError(`Could not update Secret ${ref.namespace}/${ref.name}: ${apiReason(error)}.`, {
        command: `PUT ${where}`,
      });
    }
    try {
      await connection.core.createNamespacedSecret(
        {namespace: ref.namespace, body: {apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata, stringData}},
        callOptions(TIMEOUT_MS),
      );
    } catch (createError) {
      throw new ExternalError(`Could not create Secret ${ref.namespace}/${ref.name}: ${apiReason(createError)}.`, {
        command: `POST /api/v1/namespaces/${ref.namespace}/secrets`,
      });
    }
  }
}

/** Annotation set once the root key has been shown to a person (it is never shown again). */
export const ROOT_KEY_SHOWN = 'buntime-deploy/root-key-shown';

/** True when the Secret exists and says its root key was already shown. */
export async function rootKeyShown(connection: KubeConnection, ref: SecretRef): Promise<boolean> {
  try {
    const secret = await connection.core.readNamespacedSecret(
      {namespace: ref.namespace, name: ref.name},
      callOptions(TIMEOUT_MS),
    );
    return Boolean(secret.metadata?.annotations?.[ROOT_KEY_SHOWN]);
  } catch {
    return false;
  }
}

/**
 * Records that the root key was shown. A day-zero install that fails keeps the Secret (and key) for
 * the next try, so "shown once" is tracked on the Secret rather than by "generated in this run".
 */
export async function markRootKeyShown(connection: KubeConnection, ref: SecretRef, when: Date): Promise<void> {
  const current = await connection.core.readNamespacedSecret(
    {namespace: ref.namespace, name: ref.name},
    callOptions(TIMEOUT_MS),
  );
  const metadata = {
    ...current.metadata,
    annotations: {...(current.metadata?.annotations ?? {}), [ROOT_KEY_SHOWN]: when.toISOString()},
  };
  await connection.core.replaceNamespacedSecret(
    {namespace: ref.namespace, name: ref.name, body: {...current, metadata}},
    callOptions(TIMEOUT_MS),
  );
}

/** Creates the namespace when missing (the Secret must exist before helm runs). */
export async function ensureNamespace(connection: KubeConnection, namespace: string): Promise<'created' | 'exists'> {
  try {
    await connection.core.readNamespace({name: namespace}, callOptions(TIMEOUT_MS));
    return 'exists';
  } catch (error) {
    if (apiStatus(error) !== 404)
      throw new ExternalError(`Could not read namespace ${namespace}: ${apiReason(error)}.`, {
        command: `GET /api/v1/namespaces/${namespace}`,
      });
  }
  try {
    await connection.core.createNamespace(
      {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}},
      callOptions(TIMEOUT_MS),
    );
  } catch (error) {
    if (apiStatus(error) !== 409)
      throw new ExternalError(`Could not create namespace ${namespace}: ${apiReason(error)}.`, {
        command: 'POST /api/v1/namespaces',
      });
  }
  return 'created';
}

/** The key names of a Secret (never its values); `exists: false` when there is none. */
export async function readSecretKeyNames(
  connection: KubeConnection,
  namespace: string,
  name: string,
): Promise<{exists: boolean; keys: string[]}> {
  try {
    const secret = await connection.core.readNamespacedSecret({namespace, name}, callOptions(TIMEOUT_MS));
    return {exists: true, keys: Object.keys(secret.data ?? {}).sort()};
  } catch (error) {
    if (apiStatus(error) === 404) return {exists: false, keys: []};
    throw new ExternalError(`Could not read Secret ${namespace}/${name}: ${apiReason(error)}.`, {
      command: `GET /api/v1/namespaces/${namespace}/secrets/${name}`,
    });
  }
}

/**
 * Secrets a user could point an existingSecret at: Opaque ones that Helm does not manage (a chart's
 * own Secrets go away with their release), with their key names (never values).
 */
export async function listOpaqueSecrets(
  connection: KubeConnection,
  namespace: string,
): Promise<Array<{name: string; keys: string[]}>> {
  try {
    const list = await connection.core.listNamespacedSecret({namespace}, callOptions(TIMEOUT_MS));
    return (list.items ?? [])
      .filter(
        (secret) =>
          (secret.type ?? 'Opaque') === 'Opaque' &&
          secret.metadata?.name &&
          secret.metadata.labels?.['app.kubernetes.io/managed-by'] !== 'Helm',
      )
      .map((secret) => ({name: secret.metadata?.name as string, keys: Object.keys(secret.data ?? {}).sort()}));
  } catch (error) {
    if (apiStatus(error) === 404) return [];
    throw new ExternalError(`Could not list Secrets in ${namespace}: ${apiReason(error)}.`, {
      command: `GET /api/v1/namespaces/${namespace}/secrets`,
    });
  }
}

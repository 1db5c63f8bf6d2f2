import {getPath, setPath, type Values} from '../values/paths.js';

/**
 * The one Kubernetes Secret the wizard owns (not Helm-managed, so `helm uninstall`, a failed
 * install or `--reset-values` never regenerate or lose it). The chart reads it through its
 * `existingSecret` values; these are the key names the chart expects there.
 */
export const CREDENTIAL_KEYS = {
  rootKey: 'RUNTIME_ROOT_KEY',
  tursoAuthToken: 'TURSO_AUTH_TOKEN',
  tursoAdminToken: 'TURSO_ADMIN_TOKEN',
  s3AccessKeyId: 'AWS_ACCESS_KEY_ID',
  s3SecretAccessKey: 'AWS_SECRET_ACCESS_KEY',
} as const;

export type CredentialName = keyof typeof CREDENTIAL_KEYS;

/** Credentials by name; a missing entry means "not set". */
export type Credentials = Partial<Record<CredentialName, string>>;

/** Which credentials the wizard generates itself (S3 keys come from the user's object store). */
export const GENERATED_CREDENTIALS: readonly CredentialName[] = ['rootKey', 'tursoAuthToken', 'tursoAdminToken'];

/** Where each credential would sit as an inline chart value (render-only mode, or values the user wrote). */
export const INLINE_VALUE_PATHS: Record<CredentialName, string> = {
  rootKey: 'buntime.rootKey',
  tursoAuthToken: 'tursoServer.authToken',
  tursoAdminToken: 'tursoServer.adminToken',
  s3AccessKeyId: 'tursoServer.backup.s3.accessKeyId',
  s3SecretAccessKey: 'tursoServer.backup.s3.secretAccessKey',
};

/**
 * The chart's three `existingSecret` values and the credentials each one supplies: a user can point
 * any of them at a Secret they manage instead of the wizard's credentials Secret.
 */
export const SECRET_ROLES = [
  {ref: 'buntime.existingSecret', names: ['rootKey'], what: 'the root key'},
  {ref: 'tursoServer.existingSecret', names: ['tursoAuthToken', 'tursoAdminToken'], what: 'the turso-server tokens'},
  {ref: 'tursoServer.backup.s3.existingSecret', names: ['s3AccessKeyId', 's3SecretAccessKey'], what: 'the S3 keys'},
] as const satisfies ReadonlyArray<{ref: string; names: readonly CredentialName[]; what: string}>;

export type SecretRole = (typeof SECRET_ROLES)[number];

/** The Secret keys a role's existingSecret must hold. */
export function roleKeys(role: SecretRole): string[] {
  return role.names.map((name) => CREDENTIAL_KEYS[name]);
}

/** Label put on the Secret so people (and the live screen) can tell who owns it. */
export const MANAGED_BY_LABEL = {key: 'app.kubernetes.io/managed-by', value: 'buntime-deploy'} as const;

/** The labels of the credentials Secret (who owns it, which release it belongs to). */
export function credentialsSecretLabels(release: string): Record<string, string> {
  return {
    [MANAGED_BY_LABEL.key]: MANAGED_BY_LABEL.value,
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/part-of': 'buntime',
  };
}

/** Name of the credentials Secret for a chart fullname; short enough for every fullname the chart allows. */
export function credentialsSecretName(fullname: string): string {
  return `${fullname}-credentials`;
}

/** The Secret's data (key → value) for the credentials that are set. */
export function credentialsToSecretData(credentials: Credentials): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [name, key] of Object.entries(CREDENTIAL_KEYS) as Array<[CredentialName, string]>) {
    const value = credentials[name];
    if (value) data[key] = value;
  }
  return data;
}

/** Credentials read back from a Secret's (already decoded) data. Unknown keys are ignored. */
export function credentialsFromSecretData(data: Readonly<Record<string, string>>): Credentials {
  const credentials: Credentials = {};
  for (const [name, key] of Object.entries(CREDENTIAL_KEYS) as Array<[CredentialName, string]>) {
    const value = data[key];
    if (value) credentials[name] = value;
  }
  return credentials;
}

/** Which generated credentials the target values need: the root key always, tokens only with turso-server. */
export function neededGeneratedCredentials(values: Values): CredentialName[] {
  const needed: CredentialName[] = ['rootKey'];
  if (getPath(values, 'tursoServer.enabled') === true) needed.push('tursoAuthToken', 'tursoAdminToken');
  return needed;
}

/** True when the target values turn on the S3 backup (and so need S3 credentials). */
export function needsS3Credentials(values: Values): boolean {
  return getPath(values, 'tursoServer.enabled') === true && getPath(values, 'tursoServer.backup.enabled') === true;
}

/**
 * Points the chart at the credentials Secret and removes any inline copies, so no secret ever
 * reaches a values file, argv or the Helm release record.
 */
export function referenceCredentialsSecret(values: Values, secretName: string): Values {
  let result = values;
  result = setPath(result, 'buntime.existingSecret', secretName);
  result = setPath(result, 'buntime.rootKey', '');
  if (getPath(result, 'tursoServer.enabled') === true) {
    result = setPath(result, 'tursoServer.existingSecret', secretName);
    result = setPath(result, 'tursoServer.authToken', '');
    result = setPath(result, 'tursoServer.adminToken', '');
  }
  if (needsS3Credentials(result)) {
    result = setPath(result, 'tursoServer.backup.s3.existingSecret', secretName);
    result = setPath(result, 'tursoServer.backup.s3.accessKeyId', '');
    result = setPath(result, 'tursoServer.backup.s3.secretAccessKey', '');
  }
  return result;
}

/** Inline secret values for render-only mode (they go to the 0600 secrets file, never the values file). */
export function inlineCredentialValues(credentials: Credentials, values: Values): Values {
  let secrets: Values = {};
  const wanted: CredentialName[] = [...neededGeneratedCredentials(values)];
  if (needsS3Credentials(values)) wanted.push('s3AccessKeyId', 's3SecretAccessKey');
  for (const name of wanted) {
    const value = credentials[name];
    if (value) secrets = setPath(secrets, INLINE_VALUE_PATHS[name], value);
  }
  return secrets;
}

/** Credentials a user typed inline into answers/values (e.g. a pre-existing root key), to move into the Secret. */
export function credentialsFromValues(values: Values): Credentials {
  const credentials: Credentials = {};
  for (const [name, path] of Object.entries(INLINE_VALUE_PATHS) as Array<[CredentialName, string]>) {
    const value = getPath(values, path);
    if (typeof value === 'string' && value !== '') credentials[name] = value;
  }
  return credentials;
}

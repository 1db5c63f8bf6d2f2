import {
  credentialsFromValues,
  GENERATED_CREDENTIALS,
  INLINE_VALUE_PATHS,
  SECRET_ROLES,
  type SecretRole,
  inlineCredentialValues,
  neededGeneratedCredentials,
  needsS3Credentials,
  type CredentialName,
  type Credentials,
} from '../../core/credentials/keys.js';
import {getPath, setPath, type Values} from '../../core/values/paths.js';
import {completeCredentials} from '../../adapters/kube/credentials-secret.js';

/** Which credential roles the chart should read from our Secret, and which the user manages. */
export interface CredentialsDecision {
  /** Every credential to store (existing + typed + generated). */
  readonly credentials: Credentials;
  readonly generated: readonly CredentialName[];
  /** Values layer: existingSecret refs (cluster) or inline secrets (render-only). */
  readonly layer: Values;
  /** Roles pointing at a Secret the user named themselves (left alone). */
  readonly userManaged: readonly string[];
  /** Problems to block on (e.g. backup without S3 keys). */
  readonly missing: readonly string[];
}

/** When each role of SECRET_ROLES is in use, and where its credentials sit as inline values. */
const ENABLED: Record<SecretRole['ref'], (values: Values) => boolean> = {
  'buntime.existingSecret': () => true,
  'tursoServer.existingSecret': (values) => getPath(values, 'tursoServer.enabled') === true,
  'tursoServer.backup.s3.existingSecret': needsS3Credentials,
};
const ROLES = SECRET_ROLES.map((role) => ({
  ...role,
  inline: role.names.map((name) => INLINE_VALUE_PATHS[name]),
  enabled: ENABLED[role.ref],
}));

/**
 * Decides where every secret goes. With a cluster: one Secret the wizard owns, referenced through
 * the chart's existingSecret values, inline copies blanked. Without one (render-only): inline
 * values for the 0600 secrets file. Existing tokens are kept; missing ones are generated.
 */
export function decideCredentials(input: {
  values: Values;
  secretName: string;
  online: boolean;
  existing: Credentials;
  typed?: Credentials;
}): CredentialsDecision {
  const inline = credentialsFromValues(input.values);
  let credentials: Credentials = {...input.existing, ...inline, ...(input.typed ?? {})};
  const userManaged: string[] = [];
  const wanted: CredentialName[] = [];
  let layer: Values = {};
  const missing: string[] = [];
  for (const role of ROLES) {
    if (!role.enabled(input.values)) continue;
    const ref = getPath(input.values, role.ref);
    if (typeof ref === 'string' && ref !== '' && ref !== input.secretName) {
      userManaged.push(role.ref);
      continue;
    }
    wanted.push(...role.names);
    if (input.online) {
      layer = setPath(layer, role.ref, input.secretName);
      for (const path of role.inline) layer = setPath(layer, path, '');
    }
  }
  const generatedNeeded = neededGeneratedCredentials(input.values).filter(
    (name) => wanted.includes(name) && GENERATED_CREDENTIALS.includes(name),
  );
  const completed = completeCredentials(credentials, generatedNeeded);
  credentials = completed.credentials;
  if (wanted.includes('s3AccessKeyId') && (!credentials.s3AccessKeyId || !credentials.s3SecretAccessKey)) {
    missing.push(
      'Backups need S3 credentials: answer them in the wizard, or put tursoServer.backup.s3.accessKeyId/secretAccessKey in a 0600 answers file.',
    );
  }
  // Only what this release uses goes into the Secret or the secrets file.
  const kept: Credentials = {};
  for (const name of wanted) if (credentials[name]) kept[name] = credentials[name];
  if (!input.online) layer = inlineCredentialValues(kept, input.values);
  return {credentials: kept, generated: completed.generated, layer, userManaged, missing};
}

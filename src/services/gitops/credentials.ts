/**
 * `secrets apply`: puts the credentials Secret an export's chart reads into a target cluster, from
 * the 0600 file the export left outside its directory; `--print` writes it as a Secret manifest to
 * stdout (only when asked) for the team's own encryption. Values never reach argv.
 */
import {stringify} from 'yaml';
import {displayPath, existingPaths, fileMode, readYamlFile} from '../../adapters/files.js';
import {ensureNamespace, readCredentials, writeCredentials} from '../../adapters/kube/credentials-secret.js';
import type {Context} from '../../context.js';
import {CREDENTIAL_KEYS, type CredentialName, credentialsSecretLabels} from '../../core/credentials/keys.js';
import {CancelledError, ExternalError, UserError} from '../../core/errors.js';
import {
  type CredentialsFile,
  credentialsSecretManifest,
  parseCredentialsFile,
} from '../../core/gitops/credentials-file.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {inspect} from '../deploy/look.js';

/** Reads and checks the file; `optional`: undefined when it does not exist. */
export async function loadCredentialsFile(
  path: string,
  cwd: string,
  options: {optional?: boolean} = {},
): Promise<CredentialsFile | undefined> {
  if (options.optional && (await existingPaths([path])).length === 0) return undefined;
  const file = await readYamlFile(path, {cwd, what: 'credentials file'});
  const parsed = parseCredentialsFile(file.value);
  if (!parsed.file) {
    throw new UserError(`${file.display} is not a credentials file written by buntime-deploy export.`, {
      problems: parsed.problems.map((problem) => ({
        where: file.locate(problem.path),
        message: `${problem.path.join('.')} ${problem.message}`,
      })),
      hint: 'Export again (buntime-deploy export) to write it, or fix the fields named above.',
    });
  }
  return parsed.file;
}

export interface SecretsApplyOptions {
  readonly secretsFile: string;
  readonly kubeContext?: string;
  readonly print: boolean;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
}

type KeyChange = 'create' | 'same' | 'replace';

export async function runSecretsApply(options: SecretsApplyOptions, ctx: Context): Promise<number> {
  const file = await loadCredentialsFile(options.secretsFile, ctx.cwd);
  if (!file) return 2;
  const shown = displayPath(options.secretsFile, ctx.cwd);
  const mode = (await fileMode(options.secretsFile)) & 0o077;
  if (mode !== 0) ctx.stderr.write(`${ctx.style.warn('!')} ${shown} can be read by other users: chmod 600 ${shown}\n`);
  if (options.print) {
    // Only on explicit request, and only to stdout: for SOPS or kubeseal, never a file in the export.
    ctx.stdout.write(
      stringify(credentialsSecretManifest(file, credentialsSecretLabels(file.release)), {version: '1.1'}),
    );
    return 0;
  }
  if (!options.yes && !options.dryRun && !ctx.interactive)
    throw new UserError(
      `'secrets apply' would change Secret ${file.namespace}/${file.secretName} but there is no terminal to confirm it.`,
      {
        hint: 'Pass --yes to apply, or --dry-run to see what would change.',
      },
    );
  const cluster = await inspect(
    {
      namespace: file.namespace,
      release: file.release,
      ...(options.kubeContext ? {kubeContext: options.kubeContext} : {}),
      namespaceGiven: true,
      releaseGiven: true,
      values: [],
      sets: [],
      timeout: '10m',
    },
    ctx,
  );
  if (!cluster.online)
    throw new ExternalError(cluster.reason, {
      command: `kubectl cluster-info${options.kubeContext ? ` --context ${options.kubeContext}` : ''}`,
      hint: `${cluster.hint} Or print the Secret with --print and apply it with your own tool.`,
    });
  const ref = {namespace: file.namespace, name: file.secretName, release: file.release};
  const current = await readCredentials(cluster.connection, ref);
  const changes: Record<string, KeyChange> = {};
  for (const [name, key] of Object.entries(CREDENTIAL_KEYS) as Array<[CredentialName, string]>) {
    const wanted = file.credentials[name];
    if (!wanted) continue;
    const live = current.credentials[name];
    changes[key] = live === undefined ? 'create' : live === wanted ? 'same' : 'replace';
  }
  const replacing = Object.entries(changes)
    .filter(([, change]) => change === 'replace')
    .map(([key]) => key);
  const report = {
    ok: true,
    context: cluster.context,
    secret: `${file.namespace}/${file.secretName}`,
    exists: current.exists,
    keys: changes,
    dryRun: options.dryRun,
  };
  if (!options.json) {
    ctx.stdout.write(
      `Secret ${file.namespace}/${file.secretName} in ${cluster.context}: ${current.exists ? 'exists' : 'will be created'}\n`,
    );
    for (const [key, change] of Object.entries(changes))
      ctx.stdout.write(
        `  ${key}: ${change === 'same' ? 'unchanged' : change === 'create' ? 'added' : ctx.style.warn('replaced')}\n`,
      );
    if (replacing.length > 0)
      ctx.stdout.write(
        `${ctx.style.warn('!')} Replacing ${replacing.join(', ')} changes credentials a running release uses (turso clients, the cpanel sign-in).\n`,
      );
  }
  if (options.dryRun) {
    if (options.json) ctx.stdout.write(`${JSON.stringify({...report, outcome: 'dry-run'}, null, 2)}\n`);
    return 0;
  }
  if (!options.yes) {
    const ok = await askConfirm(
      ctx,
      {
        message: replacing.length > 0 ? `Replace ${replacing.join(', ')}?` : 'Apply the Secret?',
        default: replacing.length === 0,
      },
      {answer: '--yes'},
    );
    if (!ok) throw new CancelledError('Nothing was changed.');
  }
  await ensureNamespace(cluster.connection, file.namespace);
  await writeCredentials(cluster.connection, ref, file.credentials);
  if (options.json) ctx.stdout.write(`${JSON.stringify({...report, outcome: 'applied'}, null, 2)}\n`);
  else
    ctx.stdout.write(
      `${ctx.style.ok('✔')} Secret ${file.namespace}/${file.secretName} is in place in ${cluster.context}.\n`,
    );
  return 0;
}

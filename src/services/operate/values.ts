import {resolve} from 'node:path';
import {displayPath, existingPaths, writeFilesAtomic} from '../../adapters/files.js';
import {releaseUserValues, type HelmTarget} from '../../adapters/helm/release.js';
import type {Context} from '../../context.js';
import {UserError} from '../../core/errors.js';
import {toHelmYaml} from '../../core/values/helm-yaml.js';
import {getPath, type Values} from '../../core/values/paths.js';
import {mask, presentSecrets, splitSecrets} from '../../core/values/secrets.js';
import {askConfirm} from '../../ui/prompts/index.js';
import {openSession, writeJson, type OperateOptions} from './session.js';

export interface ValuesOptions extends OperateOptions {
  /** Write the committable answers file here (mode 0644, no secrets). */
  readonly output?: string;
}

const HEADER =
  '# Answers of the live release, written by buntime-deploy values (no secrets: they stay in Kubernetes Secrets,\n' +
  '# referenced through the existingSecret values). Commit it; apply with: buntime-deploy upgrade -f FILE';

/**
 * `values`: the live release's answers (`helm get values`, what was given, not the chart defaults)
 * with secrets masked; `-o FILE` writes them as a file to commit: every secret left out, so secrets
 * appear only as existingSecret references.
 */
export async function runValues(options: ValuesOptions, ctx: Context): Promise<number> {
  const session = await openSession(options, ctx, true);
  const target = session.target as HelmTarget;
  const values = await releaseUserValues(target, ctx.signal);
  if (values === undefined)
    throw new UserError(`Release ${options.release} is not installed in namespace ${options.namespace}.`, {
      hint: 'Check --release, --namespace and --kube-context (helm list -A lists every release).',
    });
  const inline = presentSecrets(values);
  const {public: answers} = splitSecrets(values);
  const refs = ['buntime.existingSecret', 'tursoServer.existingSecret', 'tursoServer.backup.s3.existingSecret']
    .map((path) => [path, getPath(answers, path)] as const)
    .filter(([, value]) => typeof value === 'string' && value !== '');
  const notes = [
    ...refs.map(([path, value]) => `${path}: Secret ${options.namespace}/${String(value)} holds the credentials`),
    ...(inline.length
      ? [
          `Inline secrets in the live release (left out of any file): ${inline.join(', ')}. The next buntime-deploy upgrade moves them into the credentials Secret.`,
        ]
      : []),
  ];
  if (!options.output) {
    const shown: Values = mask(values);
    if (options.json) writeJson(ctx, {release: options.release, namespace: options.namespace, values: shown, notes});
    else {
      ctx.stdout.write(
        toHelmYaml(shown, `# helm get values ${options.release} -n ${options.namespace} (secrets masked)`),
      );
      for (const note of notes) ctx.stderr.write(`${ctx.style.dim(`# ${note}`)}\n`);
    }
    return 0;
  }
  const path = resolve(ctx.cwd, options.output);
  if ((await existingPaths([path])).length > 0 && !options.yes) {
    const ok = await askConfirm(
      ctx,
      {message: `Overwrite ${displayPath(path, ctx.cwd)}?`, default: false},
      {answer: '--yes (to overwrite)'},
    );
    if (!ok) throw new UserError('Nothing was written.', {exitCode: 2});
  }
  const text = toHelmYaml(answers, HEADER);
  if (!options.dryRun) await writeFilesAtomic([{path, content: text, mode: 0o644}]);
  if (options.json)
    writeJson(ctx, {
      release: options.release,
      namespace: options.namespace,
      file: displayPath(path, ctx.cwd),
      written: !options.dryRun,
      leftOut: inline,
      notes,
    });
  else {
    ctx.stdout.write(
      `${options.dryRun ? 'Would write' : '✔ Wrote'} ${displayPath(path, ctx.cwd)} (mode 0644, no secrets; commit it).\n`,
    );
    for (const note of notes) ctx.stdout.write(`  ${note}\n`);
  }
  return 0;
}

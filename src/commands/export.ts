import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import type {GitopsEngine} from '../core/gitops/owner.js';
import {engineProblem, type NamedCluster} from '../services/gitops/export.js';
import {runExportCommand} from '../services/gitops/run-export.js';
import {deployOptions} from './options.js';
import {flagBool, flagString, flagStrings} from './parse-args.js';
import type {CommandArgs} from './registry.js';

/** `NAME` or `NAME=FILE`. */
function cluster(value: string): NamedCluster {
  const at = value.indexOf('=');
  return at < 0 ? {name: value} : {name: value.slice(0, at), values: value.slice(at + 1)};
}

/** `buntime-deploy export`: the install plan written for a GitOps engine. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const {flags} = args;
  const engine = flagString(flags, 'to');
  const problem = engineProblem(engine);
  if (problem) throw new UserError(`${problem}.`, {hint: 'e.g. buntime-deploy export --to flux -o gitops/buntime'});
  const dir = flagString(flags, 'output');
  if (!dir)
    throw new UserError('-o DIR is required: the directory to write the export into.', {
      hint: 'e.g. -o gitops/buntime',
    });
  const text = (name: string): string | undefined => flagString(flags, name);
  const repo = text('chart-repo');
  const oci = text('chart-oci');
  const gitPath = text('chart-git');
  const gitUrl = text('git-url');
  const revision = text('git-revision');
  const version = text('chart-version');
  const dirInRepo = text('git-path');
  const secretsFile = text('secrets-file');
  const argocdNamespace = text('argocd-namespace');
  return runExportCommand(
    {
      ...deployOptions(flags),
      target: {
        engine: engine as GitopsEngine,
        dir,
        source: {
          ...(repo !== undefined ? {repo} : {}),
          ...(oci !== undefined ? {oci} : {}),
          ...(gitPath !== undefined ? {gitPath} : {}),
          ...(gitUrl !== undefined ? {gitUrl} : {}),
          ...(revision !== undefined ? {revision} : {}),
          ...(version !== undefined ? {version} : {}),
        },
        ...(dirInRepo !== undefined ? {gitPath: dirInRepo} : {}),
        ...(secretsFile !== undefined ? {secretsFile} : {}),
        clusters: flagStrings(flags, 'cluster').map(cluster),
        ...(argocdNamespace !== undefined ? {argocdNamespace} : {}),
      },
      yes: flagBool(flags, 'yes'),
      dryRun: flagBool(flags, 'dry-run'),
      json: flagBool(flags, 'json'),
    },
    ctx,
  );
}

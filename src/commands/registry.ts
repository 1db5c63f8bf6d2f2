import type {Context} from '../context.js';
import {FLAGS, type FlagSpec} from './flags.js';
import type {ParsedFlags} from './parse-args.js';

/** What a command module exports: run with parsed flags and positionals, return the exit code. */
export interface CommandModule {
  run(args: CommandArgs, ctx: Context): Promise<number>;
}

export interface CommandArgs {
  readonly flags: ParsedFlags;
  readonly positionals: readonly string[];
}

export interface CommandSpec {
  /** `''` is the default command (the interactive wizard). */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  /** Minimum and maximum positional arguments. */
  readonly positionals: readonly [min: number, max: number];
  readonly examples: readonly string[];
  /** Loaded only when the command runs, so `--version` and `--help` stay fast. */
  readonly load: () => Promise<CommandModule>;
}

const COMMON = [FLAGS.help, FLAGS.noColor] as const;
/** The target of a day-2 command that changes the release, and how it asks and reports. */
const TARGET = [FLAGS.kubeContext, FLAGS.namespace, FLAGS.release] as const;
const CHANGE = [FLAGS.yes, FLAGS.dryRun, FLAGS.json, FLAGS.timeout, FLAGS.force] as const;
const CLUSTER = [FLAGS.kubeContext, FLAGS.namespace, FLAGS.release, FLAGS.helm] as const;
const VALUES = [FLAGS.chart, FLAGS.preset, FLAGS.values, FLAGS.set] as const;
const APPLY = [
  ...CLUSTER,
  ...VALUES,
  FLAGS.yes,
  FLAGS.dryRun,
  FLAGS.json,
  FLAGS.timeout,
  FLAGS.force,
  ...COMMON,
] as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: '',
    summary: 'Interactive wizard: look at the cluster, ask, review, install or upgrade, then show status.',
    usage: 'buntime-deploy [flags]',
    flags: [...CLUSTER, ...VALUES, FLAGS.timeout, FLAGS.force, FLAGS.version, ...COMMON],
    positionals: [0, 0],
    examples: ['npx buntime-deploy', 'npx buntime-deploy --preset k3s --namespace zomme'],
    load: () => import('./wizard.js'),
  },
  {
    name: 'install',
    summary: 'Install (or upgrade) the release from a preset and answers, without prompts when --yes is given.',
    usage: 'buntime-deploy install [flags]',
    flags: APPLY,
    positionals: [0, 0],
    examples: [
      'buntime-deploy install --preset k3s -f answers.yaml --yes',
      'buntime-deploy install -f answers.yaml --dry-run',
    ],
    load: () => import('./install.js'),
  },
  {
    name: 'upgrade',
    summary: 'Upgrade the live release: pre-filled from it, preflighted, with a labelled diff.',
    usage: 'buntime-deploy upgrade [flags]',
    flags: APPLY,
    positionals: [0, 0],
    examples: [
      'buntime-deploy upgrade -f answers.yaml --set replicaCount=3 --yes',
      'buntime-deploy upgrade --dry-run --json',
    ],
    load: () => import('./upgrade.js'),
  },
  {
    name: 'render',
    summary: 'Render and validate Helm values offline; print the helm command that would apply them.',
    usage: 'buntime-deploy render [flags]',
    flags: [
      ...VALUES,
      FLAGS.output,
      FLAGS.chartOut,
      FLAGS.json,
      FLAGS.release,
      FLAGS.namespace,
      FLAGS.kubeContext,
      FLAGS.helm,
      FLAGS.timeout,
      ...COMMON,
    ],
    positionals: [0, 0],
    examples: ['buntime-deploy render --preset k3s -f answers.yaml -o values.yaml'],
    load: () => import('./render.js'),
  },
  {
    name: 'export',
    summary:
      'Write the release for a GitOps engine (Flux, Argo CD, k3s HelmChart, Fleet): the install plan, no secrets.',
    usage: 'buntime-deploy export --to flux|argocd|k3s|fleet -o DIR [flags]',
    flags: [
      FLAGS.to,
      FLAGS.exportDir,
      ...CLUSTER,
      ...VALUES,
      FLAGS.chartRepo,
      FLAGS.chartOci,
      FLAGS.chartGit,
      FLAGS.chartVersion,
      FLAGS.gitUrl,
      FLAGS.gitRevision,
      FLAGS.gitPath,
      FLAGS.secretsFile,
      FLAGS.cluster,
      FLAGS.argocdNamespace,
      FLAGS.timeout,
      FLAGS.yes,
      FLAGS.dryRun,
      FLAGS.json,
      ...COMMON,
    ],
    positionals: [0, 0],
    examples: [
      'buntime-deploy export --to flux -o clusters/prod/buntime -f answers.yaml',
      'buntime-deploy export --to argocd -o deploy/buntime --chart-oci oci://ghcr.io/org/charts/buntime --chart-version 0.6.0',
      'buntime-deploy export --to fleet -o fleet/buntime --cluster prod-a=prod-a.yaml --cluster prod-b=prod-b.yaml',
      'buntime-deploy export --to k3s -o k3s/buntime --preset k3s --dry-run',
    ],
    load: () => import('./export.js'),
  },
  {
    name: 'secrets',
    summary: "Put an export's credentials Secret into a cluster from its 0600 file (or --print it for SOPS).",
    usage: 'buntime-deploy secrets apply [--kube-context C] [--secrets-file FILE] [--print] [flags]',
    flags: [
      FLAGS.kubeContext,
      FLAGS.release,
      FLAGS.secretsFile,
      FLAGS.print,
      FLAGS.yes,
      FLAGS.dryRun,
      FLAGS.json,
      ...COMMON,
    ],
    positionals: [1, 1],
    examples: [
      'buntime-deploy secrets apply --kube-context prod-a --secrets-file buntime.credentials.yaml --yes',
      'buntime-deploy secrets apply --print --secrets-file buntime.credentials.yaml | sops --encrypt ...',
    ],
    load: () => import('./secrets.js'),
  },
  {
    name: 'status',
    summary:
      'Live screen of pods, turso-server namespaces, backups and the release (one snapshot when not a terminal).',
    usage: 'buntime-deploy status [flags]',
    // Everything is read from the live objects, so status needs no helm (and takes no --helm).
    flags: [FLAGS.kubeContext, FLAGS.namespace, FLAGS.release, FLAGS.json, ...COMMON],
    positionals: [0, 0],
    examples: ['buntime-deploy status -n zomme', 'buntime-deploy status --json | jq .health'],
    load: () => import('./status.js'),
  },
  {
    name: 'backups',
    summary: 'List the backup snapshots per namespace, or download one and check it is a complete SQLite file.',
    usage: 'buntime-deploy backups list [NS] [flags] | backups download NS [--at TIME] -o FILE [flags]',
    flags: [
      FLAGS.kubeContext,
      FLAGS.namespace,
      FLAGS.release,
      FLAGS.s3Endpoint,
      FLAGS.at,
      FLAGS.snapshotOutput,
      FLAGS.json,
      ...COMMON,
    ],
    positionals: [1, 2],
    examples: [
      'buntime-deploy backups list -n zomme',
      'buntime-deploy backups download api-keys -n zomme -o api-keys.db',
      'buntime-deploy backups download api-keys --at 2026-07-01 -o api-keys-july.db',
    ],
    load: () => import('./backups.js'),
  },
  {
    name: 'restore',
    summary:
      "Restore turso-server's namespaces from the backups (lost volume): plan, fresh backup, restore Job, reset, check.",
    usage: 'buntime-deploy restore [NS...] [--at TIME] [--yes | --dry-run] [--json] | restore --offline NS FILE',
    flags: [
      FLAGS.kubeContext,
      FLAGS.namespace,
      FLAGS.release,
      FLAGS.s3Endpoint,
      FLAGS.at,
      FLAGS.yes,
      FLAGS.dryRun,
      FLAGS.json,
      FLAGS.offline,
      ...COMMON,
    ],
    positionals: [0, 64],
    examples: [
      'buntime-deploy restore -n zomme --dry-run',
      'buntime-deploy restore api-keys -n zomme --at 20260701T020000Z --yes',
      'buntime-deploy restore --offline api-keys ./api-keys.db -n zomme',
    ],
    load: () => import('./restore.js'),
  },
  {
    name: 'values',
    summary: "The live release's answers (helm get values), secrets masked; -o writes a file to commit.",
    usage: 'buntime-deploy values [-o answers.yaml] [flags]',
    flags: [...CLUSTER, FLAGS.answersOut, FLAGS.yes, FLAGS.dryRun, FLAGS.json, ...COMMON],
    positionals: [0, 0],
    examples: ['buntime-deploy values -n zomme', 'buntime-deploy values -n zomme -o answers.yaml'],
    load: () => import('./values.js'),
  },
  {
    name: 'history',
    summary: "The release's revisions, like helm history (newest first).",
    usage: 'buntime-deploy history [flags]',
    flags: [...CLUSTER, FLAGS.json, ...COMMON],
    positionals: [0, 0],
    examples: ['buntime-deploy history -n zomme', 'buntime-deploy history --json | jq ".revisions[0]"'],
    load: () => import('./history.js'),
  },
  {
    name: 'rollback',
    summary: 'Roll back to REVISION (default: the last one that deployed) after the same labelled diff as an upgrade.',
    usage: 'buntime-deploy rollback [REVISION] [flags]',
    flags: [...CLUSTER, FLAGS.yes, FLAGS.dryRun, FLAGS.json, FLAGS.timeout, FLAGS.force, ...COMMON],
    positionals: [0, 1],
    examples: ['buntime-deploy rollback --dry-run', 'buntime-deploy rollback 3 -n zomme --yes'],
    load: () => import('./rollback.js'),
  },
  {
    name: 'uninstall',
    summary:
      'Uninstall the release; says what goes and what stays (every PVC, the credentials). Keeps data by default.',
    usage: 'buntime-deploy uninstall [--delete-data] [--backup] [flags]',
    flags: [
      ...CLUSTER,
      FLAGS.deleteData,
      FLAGS.backup,
      FLAGS.yes,
      FLAGS.dryRun,
      FLAGS.json,
      FLAGS.timeout,
      FLAGS.force,
      ...COMMON,
    ],
    positionals: [0, 0],
    examples: [
      'buntime-deploy uninstall -n zomme --dry-run',
      'buntime-deploy uninstall -n zomme --yes',
      'buntime-deploy uninstall -n zomme --delete-data --backup --yes',
    ],
    load: () => import('./uninstall.js'),
  },
  {
    name: 'restart',
    summary: 'Rolling restart of the runtime pods (kubectl rollout restart), followed pod by pod until Ready.',
    usage: 'buntime-deploy restart [--turso] [flags]',
    flags: [...TARGET, FLAGS.turso, ...CHANGE, ...COMMON],
    positionals: [0, 0],
    examples: ['buntime-deploy restart -n zomme --yes', 'buntime-deploy restart -n zomme --turso'],
    load: () => import('./restart.js'),
  },
  {
    name: 'plugins',
    summary: 'Runtime plugins: list (built-in and uploaded), push DIR into /data/plugins, remove NAME.',
    usage: 'buntime-deploy plugins list | plugins push DIR | plugins remove NAME [flags]',
    flags: [...TARGET, ...CHANGE, ...COMMON],
    positionals: [1, 2],
    examples: [
      'buntime-deploy plugins list -n zomme',
      'buntime-deploy plugins push ./plugin-foo -n zomme --yes',
      'buntime-deploy plugins remove plugin-foo -n zomme',
    ],
    load: () => import('./plugins.js'),
  },
  {
    name: 'logs',
    summary: 'Logs of a runtime pod, or of every one with --all (prefixed); -f follows.',
    usage: 'buntime-deploy logs [POD] [--all] [-f] [--previous] [-c CONTAINER] [--since D] [--tail N] [flags]',
    flags: [
      FLAGS.kubeContext,
      FLAGS.namespace,
      FLAGS.release,
      FLAGS.all,
      FLAGS.follow,
      FLAGS.previous,
      FLAGS.container,
      FLAGS.since,
      FLAGS.tail,
      ...COMMON,
    ],
    positionals: [0, 1],
    examples: ['buntime-deploy logs -n zomme --all -f', 'buntime-deploy logs buntime-1 -n zomme --previous --tail 50'],
    load: () => import('./logs.js'),
  },
  {
    name: 'lint',
    summary: "Check a chart's templates, rendered manifests and values against the mandatory-default rules.",
    usage: 'buntime-deploy lint [CHART_DIR] [flags]',
    flags: [FLAGS.json, FLAGS.helm, ...COMMON],
    positionals: [0, 1],
    examples: ['buntime-deploy lint charts/buntime'],
    load: () => import('./lint.js'),
  },
  {
    name: 'questions',
    summary: 'Check a Rancher questions.yml, or evaluate it against an answers file.',
    usage: 'buntime-deploy questions check FILE [--chart DIR] | questions eval FILE --answers FILE [--json]',
    flags: [FLAGS.chart, FLAGS.answers, FLAGS.json, ...COMMON],
    positionals: [2, 2],
    examples: [
      'buntime-deploy questions check charts/buntime/questions.yml --chart charts/buntime',
      'buntime-deploy questions eval questions.yml --answers answers.yaml --json',
    ],
    load: () => import('./questions.js'),
  },
];

/** The spec for `name`, or undefined. */
export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

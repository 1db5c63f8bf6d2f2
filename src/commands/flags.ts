/**
 * Every flag the CLI knows, declared once. Commands pick the subset they accept, so an unknown or
 * misplaced flag is rejected with a message that names the command.
 */
export interface FlagSpec {
  /** Long name without dashes, e.g. `kube-context`. */
  readonly name: string;
  readonly short?: string;
  /** `boolean` takes no value; `string` takes one; `strings` may repeat and collects every value. */
  readonly type: 'boolean' | 'string' | 'strings';
  /** Placeholder shown in help, e.g. `FILE`. */
  readonly value?: string;
  readonly description: string;
}

function flag(spec: FlagSpec): FlagSpec {
  return spec;
}

export const FLAGS = {
  help: flag({name: 'help', short: 'h', type: 'boolean', description: 'Show help for the command.'}),
  version: flag({name: 'version', type: 'boolean', description: 'Print the version and exit.'}),
  noColor: flag({
    name: 'no-color',
    type: 'boolean',
    description: 'Plain output without colours (also NO_COLOR=1 or TERM=dumb).',
  }),
  kubeContext: flag({
    name: 'kube-context',
    type: 'string',
    value: 'NAME',
    description: 'Kubeconfig context to use (default: the current context).',
  }),
  namespace: flag({
    name: 'namespace',
    short: 'n',
    type: 'string',
    value: 'NS',
    description: 'Kubernetes namespace of the release (default: buntime).',
  }),
  release: flag({name: 'release', type: 'string', value: 'NAME', description: 'Helm release name (default: buntime).'}),
  chart: flag({
    name: 'chart',
    type: 'string',
    value: 'DIR',
    description: 'Chart directory (default: the Buntime chart shipped with this tool).',
  }),
  preset: flag({
    name: 'preset',
    type: 'string',
    value: 'NAME|FILE',
    description: 'Preset: k3s, rancher, openshift, gitlab-registry, generic, or a preset YAML file.',
  }),
  values: flag({
    name: 'values',
    short: 'f',
    type: 'strings',
    value: 'FILE',
    description: 'Answers/values YAML file (repeatable; later files win).',
  }),
  set: flag({
    name: 'set',
    type: 'strings',
    value: 'PATH=VALUE',
    description: 'Set one value (repeatable; wins over files). Never use it for secrets.',
  }),
  yes: flag({name: 'yes', short: 'y', type: 'boolean', description: 'Apply without asking (warnings accepted).'}),
  dryRun: flag({name: 'dry-run', type: 'boolean', description: 'Plan, validate and show the review; change nothing.'}),
  json: flag({name: 'json', type: 'boolean', description: 'Machine-readable JSON on stdout.'}),
  output: flag({
    name: 'output',
    short: 'o',
    type: 'string',
    value: 'FILE',
    description: 'Write the values file here (secrets go to FILE with .secrets before the extension, mode 0600).',
  }),
  chartOut: flag({
    name: 'chart-out',
    type: 'string',
    value: 'DIR',
    description: 'Copy the chart into DIR (must not exist) and point the printed helm command at it.',
  }),
  answers: flag({name: 'answers', type: 'string', value: 'FILE', description: 'Answers YAML to evaluate.'}),
  timeout: flag({
    name: 'timeout',
    type: 'string',
    value: 'DURATION',
    description: 'How long helm waits for the release to become ready (default: 10m).',
  }),
  to: flag({name: 'to', type: 'string', value: 'ENGINE', description: 'GitOps engine: flux, argocd, k3s or fleet.'}),
  exportDir: flag({
    name: 'output',
    short: 'o',
    type: 'string',
    value: 'DIR',
    description: 'Directory to write the export into (committable files only).',
  }),
  chartRepo: flag({
    name: 'chart-repo',
    type: 'string',
    value: 'URL',
    description: 'Take the chart from this Helm chart repository (default: the bundled chart, written into DIR).',
  }),
  chartOci: flag({
    name: 'chart-oci',
    type: 'string',
    value: 'REF',
    description: 'Take the chart from this OCI reference, e.g. oci://ghcr.io/org/charts/buntime.',
  }),
  chartGit: flag({
    name: 'chart-git',
    type: 'string',
    value: 'PATH',
    description: 'Take the chart from this path in a git repository (--git-url; Flux: its own repository).',
  }),
  chartVersion: flag({
    name: 'chart-version',
    type: 'string',
    value: 'VERSION',
    description: 'Chart version for --chart-repo/--chart-oci (default: the bundled chart version).',
  }),
  gitUrl: flag({
    name: 'git-url',
    type: 'string',
    value: 'URL',
    description: 'The git repository of the chart (or of DIR).',
  }),
  gitRevision: flag({
    name: 'git-revision',
    type: 'string',
    value: 'REF',
    description: 'Branch (or tag) the engine follows in git (default: main).',
  }),
  gitPath: flag({
    name: 'git-path',
    type: 'string',
    value: 'PATH',
    description: "Where DIR sits in its git repository (default: found from DIR's .git).",
  }),
  secretsFile: flag({
    name: 'secrets-file',
    type: 'string',
    value: 'FILE',
    description: 'The 0600 credentials file, outside DIR (default: ./<release>.credentials.yaml).',
  }),
  cluster: flag({
    name: 'cluster',
    type: 'strings',
    value: 'NAME[=FILE]',
    description: 'Fleet: a target cluster, optionally with its own answers file (repeatable).',
  }),
  argocdNamespace: flag({
    name: 'argocd-namespace',
    type: 'string',
    value: 'NS',
    description: 'Namespace of Argo CD, where the Application goes (default: argocd).',
  }),
  print: flag({
    name: 'print',
    type: 'boolean',
    description: 'Print the Secret manifest to stdout (to encrypt with SOPS/kubeseal) instead of applying it.',
  }),
  force: flag({
    name: 'force',
    type: 'boolean',
    description: 'Change a release that Flux, Argo CD, k3s or Fleet owns anyway (it may revert the change).',
  }),
  helm: flag({name: 'helm', type: 'string', value: 'PATH', description: 'helm binary to use (default: helm on PATH).'}),
  at: flag({
    name: 'at',
    type: 'string',
    value: 'TIME',
    description:
      'The newest snapshot at or before TIME (20260102T030405Z, RFC 3339, or a date: the end of that UTC day).',
  }),
  s3Endpoint: flag({
    name: 's3-endpoint',
    type: 'string',
    value: 'URL',
    description:
      "Reach the bucket at URL instead of the backup CronJob's endpoint (default: a port-forward when that is an in-cluster name).",
  }),
  snapshotOutput: flag({
    name: 'output',
    short: 'o',
    type: 'string',
    value: 'FILE',
    description: 'Write the snapshot to FILE (mode 0600; it must not exist).',
  }),
  offline: flag({
    name: 'offline',
    type: 'boolean',
    description:
      'With NS FILE: check the snapshot FILE and print the kubectl steps to restore it by hand (changes nothing).',
  }),
  answersOut: flag({
    name: 'output',
    short: 'o',
    type: 'string',
    value: 'FILE',
    description: 'Write the live answers here (mode 0644, no secrets: only existingSecret references). Commit it.',
  }),
  deleteData: flag({
    name: 'delete-data',
    type: 'boolean',
    description:
      'Also delete every listed PVC and the credentials Secret (asks for the release name; with --yes it does not).',
  }),
  backup: flag({
    name: 'backup',
    type: 'boolean',
    description: 'Run a backup Job from the backup CronJob first and wait for it (offered at a terminal).',
  }),
  turso: flag({name: 'turso', type: 'boolean', description: 'Also restart turso-server (after the runtime pods).'}),
  all: flag({name: 'all', type: 'boolean', description: 'Every runtime pod, each line prefixed with its pod.'}),
  follow: flag({name: 'follow', short: 'f', type: 'boolean', description: 'Keep printing new lines until Ctrl-C.'}),
  previous: flag({
    name: 'previous',
    short: 'p',
    type: 'boolean',
    description: 'The log of the previous (crashed) container.',
  }),
  container: flag({
    name: 'container',
    short: 'c',
    type: 'string',
    value: 'NAME',
    description: 'Container of the pod (default: buntime).',
  }),
  since: flag({
    name: 'since',
    type: 'string',
    value: 'DURATION',
    description: 'Only lines newer than this (5s, 2m, 3h).',
  }),
  tail: flag({
    name: 'tail',
    type: 'string',
    value: 'N',
    description: 'Only the last N lines of each pod (default: all; 100 with --all).',
  }),
} as const satisfies Record<string, FlagSpec>;

export type FlagKey = keyof typeof FLAGS;

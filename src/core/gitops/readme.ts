/** The short README written into an export directory: what each file is and how to hand it over. */
import type {ExportDocument} from './manifests.js';
import {ENGINE_NAMES, type GitopsEngine} from './owner.js';
import type {ChartSource} from './source.js';

export interface ReadmeInput {
  readonly engine: GitopsEngine;
  readonly release: string;
  readonly namespace: string;
  readonly secretName: string;
  /** The 0600 credentials file, as the person typed or saw it (outside the directory). */
  readonly credentialsFile: string;
  readonly documents: readonly ExportDocument[];
  readonly source: ChartSource;
  /** Extra files the export wrote (the bundled chart), path → what it is. */
  readonly extras: readonly {readonly path: string; readonly about: string}[];
  readonly clusters: readonly string[];
}

function applyStep(input: ReadmeInput): string[] {
  const files = input.documents.map((document) => document.path);
  switch (input.engine) {
    case 'flux':
      return [
        'Commit this directory to the repository Flux syncs, under the path of a Flux `Kustomization`',
        '(or point a new `Kustomization` at it). `kustomization.yaml` lists what it applies, so the',
        'bundled chart next to it is read as a chart only.',
      ];
    case 'argocd':
      return [
        `Commit this directory, then apply the Application once: \`kubectl apply -n argocd -f ${files[0] ?? 'application.yaml'}\``,
        '(or let an app-of-apps Application pick it up). Argo CD syncs the release from then on.',
        ...(input.source.kind === 'oci'
          ? ['The OCI registry must be known to Argo CD as a Helm repository with `enableOCI: "true"`.']
          : []),
      ];
    case 'k3s':
      return [
        `Copy \`${files[0] ?? 'helmchart.yaml'}\` to \`/var/lib/rancher/k3s/server/manifests/\` on a server node:`,
        'k3s applies every file in that folder and its helm-controller installs the chart.',
        ...(input.source.kind === 'bundled'
          ? [
              `Copy \`${input.source.archive}\` to \`/var/lib/rancher/k3s/server/static/charts/\` first: k3s serves that`,
              'folder at https://%{KUBERNETES_API}%/static/charts/, which is where the HelmChart points.',
            ]
          : []),
        'Keep this directory in git as the record of what is on the server.',
      ];
    case 'fleet':
      return [
        'Commit this directory to a repository a Fleet `GitRepo` watches (its `paths` must include it).',
        input.clusters.length > 1
          ? `The GitRepo's \`targets\` must select the clusters ${input.clusters.join(', ')}; fleet.yaml customizes each by its name.`
          : "The GitRepo's `targets` choose the clusters.",
      ];
  }
}

export function exportReadme(input: ReadmeInput): string {
  const files = [
    ...input.documents.map((document) => `- \`${document.path}\`: ${document.about}.`),
    ...input.extras.map((extra) => `- \`${extra.path}\`: ${extra.about}.`),
    '- `README.md`: this file.',
  ];
  const contexts = input.clusters.length > 1 ? input.clusters : ['CONTEXT'];
  return [
    `# ${input.release}: Buntime for ${ENGINE_NAMES[input.engine]}`,
    '',
    `Written by \`buntime-deploy export --to ${input.engine}\`. Release \`${input.release}\` in namespace \`${input.namespace}\`.`,
    '',
    '## Files',
    '',
    ...files,
    '',
    'No file here holds a secret: the chart reads the root key and tokens from the Secret',
    `\`${input.namespace}/${input.secretName}\` through its \`existingSecret\` values.`,
    '',
    '## 1. Put the credentials Secret in each cluster (not in git)',
    '',
    `The credentials are in \`${input.credentialsFile}\` (mode 0600, outside this directory). For each target cluster:`,
    '',
    '```sh',
    ...contexts.map(
      (context) =>
        `buntime-deploy secrets apply --kube-context ${context} --secrets-file ${input.credentialsFile} --yes`,
    ),
    '```',
    '',
    'To keep the Secret in git instead, encrypt it with your own tool, e.g. with SOPS:',
    `\`buntime-deploy secrets apply --print --secrets-file ${input.credentialsFile} | sops --encrypt --input-type yaml --output-type yaml /dev/stdin > secret.enc.yaml\``,
    '(or pipe it to `kubeseal`). Never commit the printed manifest unencrypted.',
    '',
    '## 2. Commit and hand over',
    '',
    ...applyStep(input),
    '',
    '```sh',
    'git add . && git commit -m "Buntime: hand the release to GitOps" && git push',
    '```',
    '',
    `From then on change the release here, in git: \`buntime-deploy upgrade\` refuses a release that ${ENGINE_NAMES[input.engine]} owns (unless --force).`,
    '',
  ].join('\n');
}

import type {ClusterInfo} from '../../adapters/kube/cluster-info.js';
import type {FoundRelease} from '../../adapters/kube/helm-releases.js';
import {describeClaim, ownedClaims} from '../../core/operate/claims.js';
import type {EngineOwner} from '../../core/gitops/owner.js';
import {chartFullname} from '../../core/upgrade/names.js';
import {detectPreset, type PresetGuess} from '../../core/presets/detect.js';
import {isPendingStatus} from '../../core/upgrade/recovery.js';

export type WizardAction =
  | 'install'
  | 'upgrade'
  | 'recover'
  | 'status'
  | 'restore'
  | 'history'
  | 'restart'
  | 'plugins'
  | 'uninstall'
  | 'render'
  | 'export'
  | 'quit';

export interface ActionChoice {
  readonly id: WizardAction;
  readonly label: string;
  /** Why it cannot be picked now. */
  readonly disabled?: string;
}

export interface StorageClassView {
  readonly name: string;
  readonly provisioner: string;
  readonly isDefault: boolean;
  readonly rwx: 'yes' | 'no' | 'unknown';
}

export type HelmView =
  | {readonly found: true; readonly version: string}
  | {readonly found: false; readonly hint: string};

/** Everything the Start screen shows, as plain data (tested without Ink). */
export interface StartModel {
  readonly online: boolean;
  readonly context?: string;
  readonly server?: string;
  readonly serverVersion?: string;
  readonly nodes?: {readonly total: number; readonly ready: number};
  readonly namespace: string;
  readonly namespaceExists?: boolean;
  /** The release being deployed lives in that namespace (so it exists, whatever else was read). */
  readonly namespaceHoldsRelease?: boolean;
  /** The preset the cluster looks like, and why: the wizard's default. */
  readonly preset?: PresetGuess;
  readonly storageClasses: readonly StorageClassView[];
  readonly issuers?: {readonly installed: boolean; readonly names: readonly string[]};
  readonly offline?: {readonly reason: string; readonly hint: string};
  readonly helm: HelmView;
  readonly releaseName: string;
  /** The release being deployed, when it exists. */
  readonly release?: FoundRelease;
  /** Other Buntime releases in the cluster (so nobody installs a second one by accident). */
  readonly others: readonly FoundRelease[];
  /** Not installed, but an earlier install left data here: claims (one line each) and the Secret. */
  readonly kept?: {readonly claims: readonly string[]; readonly secret?: string};
  /** The GitOps engine that owns the release (changes go through git, not helm). */
  readonly owner?: EngineOwner;
  /** --force: direct changes stay offered despite the owner. */
  readonly force?: boolean;
  readonly notes: readonly string[];
  readonly actions: readonly ActionChoice[];
  readonly defaultAction: WizardAction;
}

/** Builds the Start screen model and decides which actions make sense now. */
export function startModel(input: {
  cluster: ClusterInfo;
  helm: HelmView;
  namespace: string;
  release: string;
  rwxOf: (provisioner: string, parameters: Readonly<Record<string, string>>) => 'yes' | 'no' | 'unknown';
  owner?: EngineOwner;
  force?: boolean;
}): StartModel {
  const {cluster, helm} = input;
  const releases = cluster.online ? cluster.releases : [];
  const release = releases.find((found) => found.name === input.release && found.namespace === input.namespace);
  const others = releases.filter((found) => found !== release);
  const noHelm = helm.found ? undefined : 'helm not found';
  const noCluster = cluster.online ? undefined : 'no cluster';
  const pending = release && isPendingStatus(release.status) ? `stuck in ${release.status}` : undefined;
  const kept = !release && cluster.online ? keptData(cluster, input.release) : undefined;
  // A release an engine owns is changed in git: direct changes only with --force.
  const owned = input.owner && !input.force ? `managed by ${input.owner.engineName}: export instead` : undefined;
  // Day-2 actions appear once there is a release to act on (a fresh cluster's menu stays short),
  // and not while it is stuck: recovering comes first, and helm would refuse them anyway.
  const operate: ActionChoice[] = pending
    ? []
    : release
      ? [
          {id: 'history', label: 'History and rollback', disabled: noHelm ?? owned},
          {id: 'restart', label: 'Restart the runtime pods (rolling)', disabled: owned},
          {id: 'plugins', label: 'Plugins (list, push, remove)', disabled: owned},
          {id: 'uninstall', label: 'Uninstall (says what stays)', disabled: noHelm ?? owned},
        ]
      : kept
        ? [{id: 'uninstall', label: 'Delete the data kept from an earlier install'}]
        : [];
  const actions: ActionChoice[] = [
    {
      id: 'install',
      label: kept ? 'Install Buntime (re-uses the kept data)' : 'Install Buntime (day zero)',
      disabled: noCluster ?? noHelm ?? owned ?? (release ? 'already installed: use upgrade' : undefined),
    },
    {
      id: 'upgrade',
      label: 'Upgrade (e.g. to multi-pod sync)',
      disabled: noCluster ?? noHelm ?? (!release && !input.owner ? 'nothing installed yet' : (owned ?? pending)),
    },
    ...(pending ? [{id: 'recover' as const, label: 'Recover the stuck release', disabled: noHelm ?? owned}] : []),
    {
      id: 'status',
      label: 'Live status (pods, databases, backups)',
      disabled: noCluster ?? (!release && !input.owner ? 'nothing installed yet' : undefined),
    },
    {
      id: 'restore',
      label: 'Restore databases from a backup (lost volume)',
      disabled: noCluster ?? (!release ? 'nothing installed yet' : undefined),
    },
    ...operate,
    {id: 'render', label: 'Render only (write values + the helm command)'},
    {id: 'export', label: 'Export for GitOps (Flux, Argo CD, k3s HelmChart, Fleet)'},
    {id: 'quit', label: 'Quit'},
  ];
  const preferred: WizardAction[] = owned
    ? ['export', 'status']
    : pending
      ? ['recover', 'status']
      : release
        ? ['upgrade', 'status']
        : ['install', 'render'];
  const defaultAction =
    preferred.find((id) => actions.some((action) => action.id === id && !action.disabled)) ?? 'render';
  const preset = cluster.online
    ? detectPreset({
        serverVersion: cluster.serverVersion,
        namespaces: cluster.namespaces,
        storageClasses: cluster.storageClasses,
      })
    : undefined;
  return {
    online: cluster.online,
    ...(cluster.online
      ? {
          context: cluster.context,
          server: cluster.server,
          serverVersion: cluster.serverVersion,
          nodes: cluster.nodes,
          // The inspection checked the namespace it was asked for; the release may have moved the
          // wizard to its own namespace (adoptRelease), which then clearly exists.
          namespaceExists:
            release !== undefined ||
            (cluster.namespace.name === input.namespace
              ? cluster.namespace.exists
              : cluster.namespaces.includes(input.namespace)),
          ...(release ? {namespaceHoldsRelease: true} : {}),
          issuers: {
            installed: cluster.clusterIssuers.installed,
            names: cluster.clusterIssuers.items.map((issuer) => issuer.name),
          },
        }
      : {context: cluster.context, server: cluster.server, offline: {reason: cluster.reason, hint: cluster.hint}}),
    namespace: input.namespace,
    storageClasses: cluster.online
      ? cluster.storageClasses.map((sc) => ({
          name: sc.name,
          provisioner: sc.provisioner,
          isDefault: sc.isDefault,
          rwx: input.rwxOf(sc.provisioner, sc.parameters),
        }))
      : [],
    helm,
    releaseName: input.release,
    release,
    others,
    ...(kept ? {kept} : {}),
    ...(input.owner ? {owner: input.owner} : {}),
    ...(input.force ? {force: true} : {}),
    notes: cluster.online ? cluster.notes : [],
    ...(preset ? {preset} : {}),
    actions,
    defaultAction,
  };
}

/** Claims and the credentials Secret an uninstalled release left in the namespace. */
function keptData(cluster: Extract<ClusterInfo, {online: true}>, release: string): StartModel['kept'] | undefined {
  const fullname = chartFullname(release, {});
  const claims = ownedClaims(fullname, cluster.claims).map(describeClaim);
  if (claims.length === 0 && !cluster.credentialsSecret) return undefined;
  return {claims, ...(cluster.credentialsSecret ? {secret: `${fullname}-credentials`} : {})};
}

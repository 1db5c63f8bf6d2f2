import {runRules} from '../../../core/rules/registry.js';
import type {Finding} from '../../../core/findings.js';
import type {ClusterContext} from '../../../core/rules/types.js';
import type {StorageClassFact} from '../../../core/upgrade/types.js';
import {askNumber, askSelect, askText, type Choice} from '../../prompts/ask.js';
import {say, type FlowIo} from './io.js';
import {valueOf, type QuestionSession} from './session.js';

export interface ClusterView {
  readonly readyNodes: number;
  readonly storageClasses: readonly StorageClassFact[];
  /** The same facts as core's rules take them. */
  readonly context: ClusterContext;
}

/** Core's rule findings that matter for the pod count right now (shared volumes, sync setup). */
export function replicaFindings(session: QuestionSession, cluster: ClusterView | undefined): Finding[] {
  return runRules({
    values: session.values(),
    release: 'buntime',
    ...(cluster ? {cluster: cluster.context} : {}),
  }).filter(
    (item) =>
      item.id === 'replicas.rwx' ||
      item.id === 'replicas.sync' ||
      (item.id === 'storage.class' && /^persistence\.(plugins|apps)\./.test(item.path ?? '')),
  );
}

type Resolution = 'rwx' | 'rwx-named' | 'keep-rwo' | 'sync-only' | 'back-to-one' | 'as-is';

/** The best RWX class: the default if it can, else the first that can. */
export function bestRwxClass(classes: readonly StorageClassFact[]): StorageClassFact | undefined {
  return classes.find((sc) => sc.rwx === 'yes' && sc.isDefault) ?? classes.find((sc) => sc.rwx === 'yes');
}

function turnOnSync(session: QuestionSession): void {
  session.answer('tursoServer.enabled', true);
  session.answer('buntime.authDb.mode', 'sync');
  session.answer('plugins.turso.mode', 'sync');
}

/**
 * replicaCount with the multi-pod checks done in place: right after the number, it explains what
 * more than one pod needs (RWX shared volumes or a single node; turso-server + sync modes) and
 * offers to set it, instead of failing later in the Review.
 */
export async function askReplicas(
  io: FlowIo,
  session: QuestionSession,
  cluster: ClusterView | undefined,
): Promise<void> {
  const current = Number(valueOf(session, 'replicaCount') ?? 1);
  const replicas = await askNumber(
    io,
    {message: 'Runtime pods (replicaCount)', default: current, min: 1, max: 100},
    {answer: '`replicaCount` in the answers file'},
  );
  session.answer('replicaCount', replicas ?? current);
  if ((replicas ?? current) <= 1) return;

  const findings = replicaFindings(session, cluster);
  const needsSync = findings.some((item) => item.id === 'replicas.sync');
  const storageProblem = findings.some((item) => item.id !== 'replicas.sync' && item.severity === 'error');
  if (!needsSync && !storageProblem) {
    for (const item of findings) say(io, io.style.dim(`  ! ${item.message}`));
    return;
  }

  say(io, io.style.warn(`  More than one runtime pod needs:`));
  say(io, `  • shared /data/plugins and /data/apps every pod can mount: ReadWriteMany, or all pods on one node;`);
  say(io, `  • one writer per database: the in-cluster turso-server, with sync modes for API keys and plugin-turso.`);
  for (const item of findings) say(io, io.style.dim(`  ${item.severity === 'error' ? '✖' : '!'} ${item.message}`));

  const rwx = cluster ? bestRwxClass(cluster.storageClasses) : undefined;
  const choices: Choice<Resolution>[] = [];
  if (storageProblem && rwx) {
    choices.push({
      value: 'rwx',
      name: `Use ${rwx.name} (ReadWriteMany) for plugins and apps, and turn on turso-server + sync (recommended)`,
    });
  }
  if (storageProblem && !cluster) {
    choices.push({
      value: 'rwx-named',
      name: 'Use ReadWriteMany for plugins and apps (I will name an RWX StorageClass), and turn on turso-server + sync',
    });
  }
  if (storageProblem && cluster && cluster.readyNodes <= 1) {
    choices.push({
      value: 'keep-rwo',
      name: 'Keep ReadWriteOnce (one node: every pod mounts it) and turn on turso-server + sync',
    });
  }
  if (!storageProblem) choices.push({value: 'sync-only', name: 'Turn on turso-server + sync modes (required)'});
  choices.push({value: 'back-to-one', name: 'Go back to 1 pod'});
  if (storageProblem && cluster && !rwx) {
    say(
      io,
      io.style.dim(
        '  No StorageClass here is known to do ReadWriteMany; install one (nfs-subdir, Longhorn RWX, CephFS…) first.',
      ),
    );
  } else if (storageProblem && !cluster) {
    say(
      io,
      io.style.dim(
        '  Render only: no cluster was looked at, so name a ReadWriteMany StorageClass your cluster has (nfs-subdir, Longhorn RWX, CephFS…).',
      ),
    );
  }
  choices.push({value: 'as-is', name: 'Leave it as it is (the Review will block until it is fixed)'});
  const choice = await askSelect(
    io,
    {message: `How should ${replicas} pods work?`, choices},
    {answer: '`replicaCount` and `persistence.*` in the answers file'},
  );
  if (choice === 'back-to-one') {
    session.answer('replicaCount', 1);
    return;
  }
  if (choice === 'as-is') return;
  turnOnSync(session);
  if (choice === 'rwx' && rwx) {
    for (const volume of ['plugins', 'apps']) {
      session.answer(`persistence.${volume}.accessMode`, 'ReadWriteMany');
      session.answer(`persistence.${volume}.storageClass`, rwx.name);
    }
  }
  if (choice === 'rwx-named') {
    const name = await askText(
      io,
      {
        message: 'RWX StorageClass for plugins and apps',
        validate: (value) => (value.trim() ? true : 'Name the class (nfs, cephfs, longhorn…)'),
      },
      {answer: '`persistence.plugins.storageClass` in the answers file'},
    );
    for (const volume of ['plugins', 'apps']) {
      session.answer(`persistence.${volume}.accessMode`, 'ReadWriteMany');
      session.answer(`persistence.${volume}.storageClass`, name.trim());
    }
  }
  say(
    io,
    io.style.ok(
      `  ✔ set: turso-server on, authDb and plugin-turso in sync mode${choice === 'rwx' && rwx ? `, plugins/apps on ${rwx.name} (RWX)` : ''}`,
    ),
  );
}

import {INLINE_VALUE_PATHS, SECRET_ROLES, type Credentials} from '../../../core/credentials/keys.js';
import {askChecklist} from '../../prompts/ask.js';
import {askQuestion, type Pickers} from '../../prompts/question.js';
import {askBackup, type BackupDeps} from './backup.js';
import {heading, say, type FlowIo} from './io.js';
import {askReplicas, type ClusterView} from './replicas.js';
import type {AskableState, QuestionSession} from './session.js';
import {stateOf, valueOf} from './session.js';
import {askSecretSource, type SecretSources} from './secrets.js';
import {askSharedStorage} from './storage.js';

/** Credentials live in the wizard's Secret, never in values: their questions are not asked. */
const CREDENTIAL_VARIABLES = new Set([
  ...Object.values(INLINE_VALUE_PATHS),
  'buntime.existingSecret',
  'tursoServer.existingSecret',
  'tursoServer.backup.s3.existingSecret',
]);

/** Turso-server questions that matter on most installs (sizes, GC policy); the rest are "other settings". */
const TURSO_ESSENTIALS = new Set([
  'tursoServer.persistence.size',
  'tursoServer.autoIdleDuration',
  'tursoServer.archiveRetention',
  'tursoServer.maxNamespaces',
]);
/** How people reach the runtime, asked in this order; the rest of the Access group is "other settings". */
const ACCESS_ESSENTIALS: ReadonlyArray<{variable: string; when?: (session: QuestionSession) => boolean}> = [
  {variable: 'ingress.host', when: (session) => valueOf(session, 'route.enabled') !== true},
  {variable: 'ingress.tls.enabled', when: (session) => Boolean(valueOf(session, 'ingress.host'))},
  {variable: 'ingress.tls.clusterIssuer', when: (session) => Boolean(valueOf(session, 'ingress.host'))},
  {variable: 'route.host', when: (session) => valueOf(session, 'route.enabled') === true},
  {variable: 'service.type'},
];

export interface QuestionFlowInput {
  readonly mode: 'install' | 'upgrade' | 'render';
  readonly session: QuestionSession;
  /** Absent in render-only mode (no cluster to look at). */
  readonly cluster?: ClusterView & {readonly issuers: readonly string[]};
  readonly existingCredentials: Credentials;
  readonly backup: BackupDeps;
  /** The namespace's Secrets, to offer "use an existing Secret" (online only). */
  readonly secrets?: SecretSources;
}

function pickersFor(input: QuestionFlowInput): Pickers {
  return input.cluster ? {storageClasses: input.cluster.storageClasses} : {};
}

/**
 * Asks the visible questions of one group (re-evaluated after every answer, so show_if reveals
 * follow-up questions in place), skipping credentials and anything already asked.
 */
async function askGroup(
  io: FlowIo,
  input: QuestionFlowInput,
  asked: Set<string>,
  accept: (state: AskableState) => boolean,
): Promise<void> {
  for (;;) {
    const next = input.session
      .states()
      .find(
        (state) =>
          state.visible &&
          !asked.has(state.question.variable) &&
          !CREDENTIAL_VARIABLES.has(state.question.variable) &&
          accept(state),
      );
    if (!next) return;
    asked.add(next.question.variable);
    const {question} = next;
    if (question.variable === 'ingress.tls.clusterIssuer' && input.cluster && input.cluster.issuers.length > 0) {
      const raw = await askQuestion(
        io,
        {
          ...question,
          type: 'enum',
          options: [
            {value: '', label: '(none: I manage the certificate)'},
            ...input.cluster.issuers.map((name) => ({value: name, label: name})),
          ],
        },
        next.value,
        {},
        input.session.check,
      );
      input.session.answer(question.variable, raw);
      continue;
    }
    const raw = await askQuestion(io, question, next.value, pickersFor(input), input.session.check);
    if (question.type === 'password' && raw === '') continue;
    input.session.answer(question.variable, raw);
  }
}

/**
 * The question flow: what matters first (access, pods, storage, turso-server, backups), then any
 * other groups the user opts into. Returns the S3 credentials for the credentials Secret.
 */
export async function askQuestions(io: FlowIo, input: QuestionFlowInput): Promise<Credentials> {
  const {session} = input;
  const asked = new Set<string>();
  const inGroup = (group: string) => (state: AskableState) => state.question.group === group;

  heading(io, 'Access');
  for (const essential of ACCESS_ESSENTIALS) {
    if (essential.when && !essential.when(session)) continue;
    await askGroup(io, input, asked, (state) => state.question.variable === essential.variable);
  }

  heading(io, 'Pods');
  asked.add('replicaCount');
  await askReplicas(io, session, input.cluster);

  heading(io, 'Storage');
  const storageVariables = [
    'persistence.plugins.accessMode',
    'persistence.plugins.storageClass',
    'persistence.apps.accessMode',
    'persistence.apps.storageClass',
  ];
  if (input.mode === 'upgrade') {
    say(
      io,
      io.style.dim('  Existing volumes keep their access mode and StorageClass: both are immutable on a live PVC.'),
    );
    for (const variable of storageVariables) asked.add(variable);
  } else if (
    valueOf(session, 'persistence.plugins.accessMode') === 'ReadWriteMany' &&
    valueOf(session, 'persistence.apps.accessMode') === 'ReadWriteMany'
  ) {
    const name = String(valueOf(session, 'persistence.plugins.storageClass') ?? '') || 'the default class';
    say(io, io.style.dim(`  /data/plugins and /data/apps: ReadWriteMany on ${name}.`));
    for (const variable of storageVariables) asked.add(variable);
  } else if (input.cluster) {
    const each = await askSharedStorage(io, session, input.cluster.storageClasses);
    if (!each) for (const variable of storageVariables) asked.add(variable);
    await askGroup(io, input, asked, (state) => storageVariables.includes(state.question.variable));
  } else {
    await askGroup(io, input, asked, (state) => storageVariables.includes(state.question.variable));
  }

  const [rootRole, tokenRole, s3Role] = SECRET_ROLES;
  if (input.secrets) {
    await askSecretSource(
      io,
      session,
      rootRole,
      input.secrets,
      input.existingCredentials.rootKey
        ? `Keep it in ${input.secrets.own} (the wizard's credentials Secret)`
        : `Generate it into ${input.secrets.own} (recommended)`,
    );
  }

  heading(io, 'Turso server');
  if (valueOf(session, 'tursoServer.enabled') !== true) {
    await askGroup(io, input, asked, (state) => state.question.variable === 'tursoServer.enabled');
  }
  let s3: Credentials = {};
  if (valueOf(session, 'tursoServer.enabled') === true) {
    const kept = Boolean(input.existingCredentials.tursoAuthToken && input.existingCredentials.tursoAdminToken);
    const theirs = input.secrets
      ? await askSecretSource(
          io,
          session,
          tokenRole,
          input.secrets,
          kept
            ? `Keep them in ${input.secrets.own} (the wizard's credentials Secret)`
            : `Generate them into ${input.secrets.own} (recommended)`,
        )
      : undefined;
    if (!theirs)
      say(
        io,
        io.style.dim(
          input.mode === 'render'
            ? '  Tokens: generated now (32 random bytes each) and written only to the 0600 secrets file next to the values, never to the values.'
            : kept
              ? '  Tokens: kept from the credentials Secret (never regenerated).'
              : '  Tokens: generated now (32 random bytes each) and stored only in the credentials Secret.',
        ),
      );
    await askGroup(io, input, asked, (state) => TURSO_ESSENTIALS.has(state.question.variable));
    heading(io, 'Backups');
    for (const state of session.states())
      if (state.question.group === 'Turso Backup') asked.add(state.question.variable);
    s3 = await askBackup(io, session, input.backup, input.existingCredentials, {
      ...(input.secrets ? {secrets: input.secrets} : {}),
      role: s3Role,
    });
  }

  const remaining = [
    ...new Set(
      session
        .states()
        .filter(
          (state) =>
            state.visible && !asked.has(state.question.variable) && !CREDENTIAL_VARIABLES.has(state.question.variable),
        )
        .map((state) => state.question.group),
    ),
  ];
  if (remaining.length > 0) {
    heading(io, 'Other settings');
    const groups = await askChecklist(
      io,
      {
        message: 'Change anything else? (space selects, enter continues; none keeps the defaults)',
        // Groups opened in an earlier round stay ticked: going back reopens what was changed there.
        choices: remaining.map((group) => ({
          value: group,
          name: group || 'General',
          checked: session.openedGroups.has(group),
        })),
      },
      {answer: 'the answers file'},
    );
    session.openedGroups.clear();
    for (const group of groups) session.openedGroups.add(group);
    for (const group of groups) {
      heading(io, group || 'General');
      await askGroup(io, input, asked, inGroup(group));
    }
  }
  return s3;
}

/**
 * "Change my answers" straight to the problems: asks again exactly the questions at `variables`
 * (the paths the Review flagged), wherever they live — optional groups included — in display
 * order; pod count and backups through their own flows. Returns S3 keys when backups were re-asked.
 */
export async function askAgain(
  io: FlowIo,
  input: QuestionFlowInput,
  variables: readonly string[],
): Promise<Credentials> {
  const {session} = input;
  const wanted = new Set(variables);
  let s3: Credentials = {};
  if (wanted.has('replicaCount')) {
    heading(io, 'Pods');
    await askReplicas(io, session, input.cluster);
  }
  const backup = [...wanted].some((variable) => variable.startsWith('tursoServer.backup.'));
  if (backup && valueOf(session, 'tursoServer.enabled') === true) {
    heading(io, 'Backups');
    s3 = await askBackup(io, session, input.backup, input.existingCredentials);
  }
  const order = session
    .states()
    .map((state) => state.question.variable)
    .filter(
      (variable) => wanted.has(variable) && variable !== 'replicaCount' && !variable.startsWith('tursoServer.backup.'),
    );
  let group: string | undefined;
  for (const variable of order) {
    const state = stateOf(session, variable);
    if (!state?.visible) continue;
    if (state.question.group !== group) {
      group = state.question.group;
      heading(io, group || 'General');
    }
    await askGroup(io, input, new Set(), (candidate) => candidate.question.variable === variable);
  }
  return s3;
}

/** The questions among `paths` this session can ask again (visible now, not credentials). */
export function askablePaths(session: QuestionSession, paths: readonly string[]): string[] {
  const visible = new Set(
    session
      .states()
      .filter((state) => state.visible && !CREDENTIAL_VARIABLES.has(state.question.variable))
      .map((state) => state.question.variable),
  );
  return [...new Set(paths.filter((path) => visible.has(path)))];
}

import {type SecretRole, roleKeys} from '../../../core/credentials/keys.js';
import {askSelect, askText} from '../../prompts/ask.js';
import {say, type FlowIo} from './io.js';
import {valueOf, type QuestionSession} from './session.js';

/** What the wizard may look at to offer an existing Secret (key names only, never values). */
export interface SecretSources {
  /** The credentials Secret the wizard manages itself (never offered as "existing"). */
  readonly own: string;
  /** Opaque Secrets of the namespace with their key names. */
  list(): Promise<ReadonlyArray<{readonly name: string; readonly keys: readonly string[]}>>;
  /** One Secret's key names (`exists: false` when there is none). */
  keys(name: string): Promise<{readonly exists: boolean; readonly keys: readonly string[]}>;
}

const OWN = '';
const OTHER = '\u0000other';

/**
 * "Use an existing Secret" for one role (root key, turso tokens, S3 keys): offered only when the
 * namespace has a Secret that holds every key the role needs (or the answers already name one).
 * The chosen Secret is checked — it must exist and hold each key — and set as the role's
 * existingSecret; choosing the wizard's own Secret clears it. Returns the Secret used, or undefined.
 */
export async function askSecretSource(
  io: FlowIo,
  session: QuestionSession,
  role: SecretRole,
  sources: SecretSources,
  ownLabel: string,
): Promise<string | undefined> {
  const needed = roleKeys(role);
  const current = valueOf(session, role.ref);
  const named = typeof current === 'string' && current !== '' && current !== sources.own ? current : undefined;
  const candidates = (await sources.list()).filter(
    (secret) => secret.name !== sources.own && needed.every((key) => secret.keys.includes(key)),
  );
  if (candidates.length === 0 && !named) return undefined;
  for (;;) {
    const picked = await askSelect(
      io,
      {
        message: `Where do ${role.what} come from?`,
        choices: [
          {value: OWN, name: ownLabel},
          ...candidates.map((secret) => ({
            value: secret.name,
            name: `Secret ${secret.name} (has ${needed.join(', ')})`,
          })),
          ...(named && !candidates.some((secret) => secret.name === named)
            ? [{value: named, name: `Secret ${named} (from your answers)`}]
            : []),
          {value: OTHER, name: 'Another existing Secret (type its name)…'},
        ],
        default: named ?? OWN,
      },
      {answer: `\`${role.ref}\` in the answers file`},
    );
    if (picked === OWN) {
      session.answer(role.ref, '');
      return undefined;
    }
    const name =
      picked === OTHER
        ? await askText(
            io,
            {message: 'Secret name', validate: (value) => (value.trim() ? true : 'Required')},
            {
              answer: `\`${role.ref}\` in the answers file`,
            },
          )
        : picked;
    const found = await sources.keys(name.trim());
    const missing = needed.filter((key) => !found.keys.includes(key));
    if (!found.exists) say(io, io.style.error(`  ✖ Secret ${name} does not exist in this namespace.`));
    else if (missing.length > 0)
      say(
        io,
        io.style.error(
          `  ✖ Secret ${name} has no ${missing.join(', ')} (it holds ${found.keys.join(', ') || 'no keys'}); ${role.what} must be there.`,
        ),
      );
    else {
      session.answer(role.ref, name.trim());
      say(io, io.style.ok(`  ✔ ${role.what} come from Secret ${name.trim()} (${needed.join(', ')}); you manage it.`));
      return name.trim();
    }
  }
}

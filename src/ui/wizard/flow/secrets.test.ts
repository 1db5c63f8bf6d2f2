import {screen} from '@inquirer/testing/vitest';
import {PassThrough} from 'node:stream';
import {beforeAll, describe, expect, it} from 'vitest';
import {screenShows} from '../../../../test/helpers/inquirer-screen.js';
import {readYamlFile} from '../../../adapters/files.js';
import {bundledChartDir} from '../../../adapters/package-root.js';
import {loadQuestions} from '../../../adapters/render-inputs.js';
import {SECRET_ROLES} from '../../../core/credentials/keys.js';
import type {QuestionFile} from '../../../core/questions/types.js';
import type {Values} from '../../../core/values/paths.js';
import {createStyle} from '../../style.js';
import type {FlowIo} from './io.js';
import {askSecretSource, type SecretSources} from './secrets.js';
import {createSession, valueOf} from './session.js';

let questions: QuestionFile;
let defaults: Values;
let output = '';
beforeAll(async () => {
  questions = (await loadQuestions(bundledChartDir(), process.cwd())) as QuestionFile;
  defaults = (await readYamlFile(`${bundledChartDir()}/values.yaml`, {cwd: process.cwd(), what: 'values'}))
    .value as Values;
});

function io(): FlowIo {
  output = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {stdin: Object.assign(new PassThrough(), {isTTY: true}), stdout, interactive: true, style: createStyle(false)};
}

const SECRETS: Record<string, string[]> = {
  'team-tokens': ['TURSO_ADMIN_TOKEN', 'TURSO_AUTH_TOKEN'],
  'half-tokens': ['TURSO_AUTH_TOKEN'],
};
const sources: SecretSources = {
  own: 'buntime-credentials',
  list: async () => [
    ...Object.entries(SECRETS).map(([name, keys]) => ({name, keys})),
    {name: 'buntime-credentials', keys: ['TURSO_ADMIN_TOKEN', 'TURSO_AUTH_TOKEN']},
  ],
  keys: async (name) => ({exists: name in SECRETS, keys: SECRETS[name] ?? []}),
};
const [ROOT, TOKENS] = SECRET_ROLES;

describe('use an existing Secret', () => {
  it('is not offered when no Secret of the namespace holds the keys', async () => {
    const session = createSession(questions, {base: defaults, answers: {tursoServer: {enabled: true}}});
    expect(await askSecretSource(io(), session, ROOT, sources, 'Generate it')).toBeUndefined();
    expect(output).toBe('');
  });

  it('offers the Secrets that hold every key, and sets the existingSecret', async () => {
    const session = createSession(questions, {base: defaults, answers: {tursoServer: {enabled: true}}});
    const done = askSecretSource(io(), session, TOKENS, sources, 'Generate them');
    await screenShows('Where do the turso-server tokens come from?');
    expect(screen.getScreen()).toContain('Secret team-tokens (has TURSO_AUTH_TOKEN, TURSO_ADMIN_TOKEN)');
    expect(screen.getScreen()).not.toContain('half-tokens');
    expect(screen.getScreen()).not.toContain('Secret buntime-credentials');
    screen.keypress('down');
    screen.keypress('enter');
    expect(await done).toBe('team-tokens');
    expect(valueOf(session, 'tursoServer.existingSecret')).toBe('team-tokens');
  });

  it('checks a typed name: a missing key is named and asked again; the own Secret clears it', async () => {
    const session = createSession(questions, {base: defaults, answers: {tursoServer: {enabled: true}}});
    const done = askSecretSource(io(), session, TOKENS, sources, 'Generate them');
    await screenShows('Where do the turso-server tokens come from?');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await screenShows('Secret name');
    screen.type('half-tokens');
    screen.keypress('enter');
    await screenShows('Where do the turso-server tokens come from?');
    expect(output).toContain('Secret half-tokens has no TURSO_ADMIN_TOKEN (it holds TURSO_AUTH_TOKEN)');
    screen.keypress('enter');
    expect(await done).toBeUndefined();
    expect(valueOf(session, 'tursoServer.existingSecret')).toBe('');
  });
});

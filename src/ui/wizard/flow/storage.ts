import type {StorageClassFact} from '../../../core/upgrade/types.js';
import {askSelect, type Choice} from '../../prompts/ask.js';
import {bestRwxClass} from './replicas.js';
import {say, type FlowIo} from './io.js';
import {valueOf, type QuestionSession} from './session.js';

type SharedChoice = {kind: 'class'; name: string; mode: 'ReadWriteMany' | 'ReadWriteOnce'} | {kind: 'each'};

/**
 * Day zero: where /data/plugins and /data/apps live. When the cluster has an RWX-capable class the
 * wizard recommends it, because access modes can never change on a live PVC: starting on RWX means
 * the later multi-pod upgrade keeps the same volumes instead of copying the data to new ones.
 * Returns true when the user wants to pick per volume (the generic questions then run).
 */
export async function askSharedStorage(
  io: FlowIo,
  session: QuestionSession,
  classes: readonly StorageClassFact[],
): Promise<boolean> {
  const rwx = bestRwxClass(classes);
  const fallback = classes.find((sc) => sc.isDefault);
  const choices: Choice<SharedChoice>[] = [];
  if (rwx) {
    choices.push({
      value: {kind: 'class', name: rwx.name, mode: 'ReadWriteMany'},
      name: `${rwx.name} — ReadWriteMany (recommended: scaling out later needs no data migration)`,
    });
  }
  for (const sc of classes) {
    if (sc === rwx) continue;
    const mode = sc.rwx === 'yes' ? 'ReadWriteMany' : 'ReadWriteOnce';
    choices.push({
      value: {kind: 'class', name: sc.name, mode},
      name: `${sc.name} — ${mode}${sc.isDefault ? ' (cluster default)' : ''}${mode === 'ReadWriteOnce' ? ': one node only' : ''}`,
    });
  }
  choices.push({value: {kind: 'each'}, name: 'Choose access mode, class and size per volume…'});
  if (!rwx)
    say(
      io,
      io.style.dim(
        '  No RWX-capable StorageClass found: one pod (or one node) for now; more pods later will need RWX volumes.',
      ),
    );
  const currentClass = String(valueOf(session, 'persistence.plugins.storageClass') ?? '') || fallback?.name;
  const preferred = rwx
    ? choices[0]?.value
    : choices.find((choice) => choice.value.kind === 'class' && choice.value.name === currentClass)?.value;
  const picked = await askSelect(
    io,
    {message: 'Shared volumes /data/plugins and /data/apps', choices, default: preferred},
    {answer: '`persistence.plugins.*` and `persistence.apps.*` in the answers file'},
  );
  if (picked.kind === 'each') return true;
  for (const volume of ['plugins', 'apps']) {
    session.answer(`persistence.${volume}.accessMode`, picked.mode);
    session.answer(
      `persistence.${volume}.storageClass`,
      picked.name === fallback?.name && picked.mode === 'ReadWriteOnce' ? '' : picked.name,
    );
  }
  return false;
}

/**
 * Which `--set` assignments carry a secret, by the one policy: a secret path or a key written like
 * one, URL credentials in the value, or the value of an env entry whose name says it is a secret
 * (`--set extraEnv[0].name=API_TOKEN,extraEnv[0].value=…`). Those are refused (argv is visible to
 * every user of the machine and stays in shell history) and never applied or repeated.
 */
import type {RenderInput} from './render.js';
import {type Values, mergeValues} from './paths.js';
import {isNearSecretPath, isSecretPath, secretLeaves, urlUserinfo} from './secrets.js';
import {type SetAssignment, applySets} from './set.js';

/** The answers files merged (what --set applies on top of). */
export function layerAnswers(input: RenderInput): Values {
  let answers: Values = {};
  for (const layer of input.files ?? []) answers = mergeValues(answers, layer.values);
  return answers;
}

export function secretSets(
  sets: readonly SetAssignment[],
  answers: Values,
  paths: readonly string[],
): Set<SetAssignment> {
  const out = new Set<SetAssignment>();
  if (sets.length === 0) return out;
  // Env values are secret by their entry's name, which another layer may set: look at the result.
  const trial = secretLeaves(applySets(answers, sets), paths).map((leaf) => leaf.path);
  for (const assignment of sets) {
    const raws = typeof assignment.raw === 'string' ? [assignment.raw] : assignment.raw;
    const {path} = assignment;
    if (
      isSecretPath(path, paths) ||
      isNearSecretPath(path, paths) ||
      raws.some((raw) => urlUserinfo(raw).length > 0) ||
      trial.some((leaf) => leaf === path || leaf.startsWith(`${path}.`) || leaf.startsWith(`${path}[`))
    )
      out.add(assignment);
  }
  return out;
}

import {evaluateQuestions, withAnswer, type EvaluateInput} from '../../../core/questions/evaluate.js';
import {answerProblem} from '../../../core/rules/answer.js';
import type {QuestionFile} from '../../../core/questions/types.js';
import {checkAnswer} from '../../../core/questions/validate.js';
import {mergeValues, type Values} from '../../../core/values/paths.js';
import type {AnswerCheck, AskableQuestion} from '../../prompts/question.js';

/** One question as currently evaluated (core's QuestionState satisfies it). */
export interface AskableState {
  readonly question: AskableQuestion;
  readonly visible: boolean;
  readonly value: unknown;
  readonly error?: {readonly message: string};
}

/**
 * The questions engine as the wizard drives it: re-evaluated after every answer, so questions that
 * appear or disappear (show_if) are always current. Built over core's evaluateQuestions.
 */
export interface QuestionSession {
  /** Every question in display order with visibility and current value. */
  states(): readonly AskableState[];
  /** Records an answer (raw; the engine coerces). */
  answer(variable: string, raw: unknown): void;
  /**
   * Everything that can be said about one answer when it is given, as a message: core's checkAnswer
   * (type, range, characters, host names), then the value rules that judge it alone or against
   * earlier answers (units such as CPU vs memory, durations, ports, URLs: core/rules/answer.ts).
   */
  readonly check: AnswerCheck;
  /** The evaluated answers layer: every visible question's value plus non-question answers. */
  answers(): Values;
  /** Only what was answered (pre-filled + typed), raw: the input to core's renderValues. */
  rawAnswers(): Values;
  /** Current full values (chart defaults ← preset ← answers), for preflights while asking. */
  values(): Values;
  /** Optional groups the user opened ("Change anything else?"), ticked again when asked again. */
  readonly openedGroups: Set<string>;
}

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message}. ${hint}` : message;
}

export function stateOf(session: QuestionSession, variable: string): AskableState | undefined {
  return session.states().find((state) => state.question.variable === variable);
}

export function valueOf(session: QuestionSession, variable: string): unknown {
  return stateOf(session, variable)?.value;
}

/**
 * A session over core's questions engine: every answer re-evaluates the whole file, exactly as
 * `--yes` runs do in one go, so interactive and CI answers end in the same values.
 */
export function createSession(
  file: QuestionFile,
  input: {base: Values; answers?: Values; defaults?: Readonly<Record<string, unknown>>; release?: string},
): QuestionSession {
  let state: EvaluateInput = {base: input.base, answers: input.answers ?? {}, defaults: input.defaults ?? {}};
  let evaluation = evaluateQuestions(file, state);
  const byVariable = new Map(file.all.map((question) => [question.variable, question]));
  return {
    states: () => evaluation.states,
    answer(variable, raw) {
      state = withAnswer(state, variable, raw);
      evaluation = evaluateQuestions(file, state);
    },
    check(question, raw) {
      const real = byVariable.get(question.variable);
      if (!real) return undefined;
      const checked = checkAnswer(real, raw);
      if (checked.error) return withHint(checked.error.message, checked.error.hint);
      const next = evaluateQuestions(file, withAnswer(state, question.variable, raw));
      const problem = answerProblem(
        {values: mergeValues(input.base, next.values), release: input.release ?? 'buntime'},
        question.variable,
      );
      return problem ? withHint(problem.message, problem.hint) : undefined;
    },
    answers: () => evaluation.values,
    rawAnswers: () => state.answers ?? {},
    values: () => mergeValues(input.base, evaluation.values),
    openedGroups: new Set(),
  };
}

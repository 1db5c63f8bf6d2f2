import {askConfirm, askNumber, askSecret, askSelect, askText, type Choice, type PromptIo} from './ask.js';

/** The parts of a core `Question` a prompt needs (core's type satisfies it structurally). */
export interface AskableQuestion {
  readonly variable: string;
  readonly label: string;
  readonly description?: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly group: string;
  readonly min?: number;
  readonly max?: number;
  readonly options?: ReadonlyArray<{readonly value: string | number | boolean; readonly label: string}>;
}

/** A StorageClass offered by the picker. */
export interface StorageClassOption {
  readonly name: string;
  readonly provisioner: string;
  readonly isDefault: boolean;
  readonly rwx: 'yes' | 'no' | 'unknown';
}

/** Live data for pickers; absent in render-only mode, where free text is asked instead. */
export interface Pickers {
  readonly storageClasses?: readonly StorageClassOption[];
  readonly clusterIssuers?: readonly string[];
  readonly secrets?: readonly string[];
}

/** Returns an error message for a raw answer, or undefined when it is fine (core's checkAnswer). */
export type AnswerCheck = (question: AskableQuestion, raw: unknown) => string | undefined;

function message(question: AskableQuestion): string {
  return question.description ? `${question.label} — ${question.description}` : question.label;
}

function how(question: AskableQuestion): {answer: string} {
  return {answer: `\`${question.variable}\` in the answers file`};
}

/** A storage class label that says what it can do: `nfs — RWX (nfs.csi.k8s.io)`. */
export function storageClassLabel(option: StorageClassOption): string {
  const modes = option.rwx === 'yes' ? 'RWO+RWX' : option.rwx === 'no' ? 'RWO only' : 'RWO (RWX unknown)';
  return `${option.name} — ${modes}${option.isDefault ? ', default' : ''} (${option.provisioner})`;
}

function storageClassChoices(options: readonly StorageClassOption[]): Choice<string>[] {
  const fallback = options.find((option) => option.isDefault);
  return [
    {value: '', name: fallback ? `cluster default (${fallback.name})` : 'cluster default (none set!)'},
    ...options.map((option) => ({value: option.name, name: storageClassLabel(option)})),
  ];
}

/**
 * Asks one chart question with the prompt its type calls for; answers are validated by the core
 * engine as they are typed, so the wizard and `--yes` runs accept exactly the same values.
 */
export async function askQuestion(
  io: PromptIo,
  question: AskableQuestion,
  current: unknown,
  pickers: Pickers,
  check: AnswerCheck,
): Promise<unknown> {
  const validate = (raw: unknown): string | true => check(question, raw) ?? true;
  switch (question.type) {
    case 'boolean':
      return askConfirm(io, {message: question.label, default: current === true}, how(question));
    case 'enum': {
      // No options (Rancher shows an empty list): ask for text instead.
      if ((question.options ?? []).length === 0) break;
      const choices = (question.options ?? []).map((option) => ({
        value: option.value,
        name:
          option.value === '' && option.label === ''
            ? '(empty)'
            : option.label === String(option.value)
              ? option.label
              : `${option.label} (${String(option.value)})`,
      }));
      return askSelect(
        io,
        {message: message(question), choices, default: current as string | number | boolean},
        how(question),
      );
    }
    case 'int':
    case 'float':
      return askNumber(
        io,
        {
          message: question.label,
          default: typeof current === 'number' ? current : undefined,
          min: question.min,
          max: question.max,
          step: question.type === 'float' ? 'any' : 1,
          validate: (value) => (value === undefined && !question.required ? true : validate(value)),
        },
        how(question),
      );
    case 'password':
      return askSecret(
        io,
        {
          message: `${question.label} (hidden; empty keeps the current value)`,
          validate: (value) => (value === '' ? true : validate(value)),
        },
        how(question),
      );
    case 'storageclass':
      if (pickers.storageClasses) {
        return askSelect(
          io,
          {
            message: message(question),
            choices: storageClassChoices(pickers.storageClasses),
            default: typeof current === 'string' ? current : '',
          },
          how(question),
        );
      }
      break;
    case 'secret':
      if (pickers.secrets && pickers.secrets.length > 0) {
        const choices = [{value: '', name: '(none)'}, ...pickers.secrets.map((name) => ({value: name, name}))];
        return askSelect(
          io,
          {message: message(question), choices, default: typeof current === 'string' ? current : ''},
          how(question),
        );
      }
      break;
    default:
      break;
  }
  return askText(
    io,
    {
      message: message(question),
      default: current === undefined || current === null ? undefined : String(current),
      validate: (value) => validate(value),
    },
    how(question),
  );
}

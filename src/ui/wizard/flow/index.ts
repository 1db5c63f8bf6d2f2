/** The wizard's question flows (Rancher questions, replicas, storage, backups) as async functions. */
export {askAgain, askablePaths, askQuestions, type QuestionFlowInput} from './questions.js';
export {createSession, type QuestionSession} from './session.js';
export {heading, say, type FlowIo} from './io.js';
export type {SecretSources} from './secrets.js';

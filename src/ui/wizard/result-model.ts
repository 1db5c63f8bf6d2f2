import type {PodProblem} from '../../adapters/kube/pod-problems.js';
import type {RecoveryOffer} from '../../core/upgrade/recovery.js';
import type {AccessHint} from './access.js';

export type Outcome = 'deployed' | 'failed' | 'cancelled' | 'rendered' | 'dry-run';

/** What the Result screen shows after apply (or render-only). */
export interface ResultModel {
  readonly outcome: Outcome;
  readonly mode: 'install' | 'upgrade' | 'render';
  readonly release: string;
  readonly namespace: string;
  /** Read back from helm after a failure or Ctrl-C. */
  readonly releaseState?: {readonly status: string; readonly revision: number; readonly description?: string} | 'none';
  readonly recovery?: RecoveryOffer;
  readonly access: readonly AccessHint[];
  /** Day zero only, when the key was generated in this run: shown exactly once. */
  readonly rootKey?: string;
  readonly secretRef?: string;
  readonly problems: readonly PodProblem[];
  /** The end of helm's error output (redacted). */
  readonly helmError?: string;
  readonly nextSteps: readonly string[];
  readonly files?: {readonly values: string; readonly secrets?: string};
  /** helm's NOTES after a successful apply (redacted), shown whole. */
  readonly notes?: string;
  /** Replaces the outcome headline (e.g. after a recovery). */
  readonly headline?: string;
  readonly command?: string;
}

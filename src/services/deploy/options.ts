import type {ReleaseTarget} from '../target.js';

/** What the wizard, install and upgrade need (src/commands/options.ts maps the flags). */
export interface DeployOptions extends ReleaseTarget {
  readonly helmPath?: string;
  readonly chart?: string;
  readonly preset?: string;
  readonly values: readonly string[];
  readonly sets: readonly string[];
  /** helm duration for --wait. */
  readonly timeout: string;
  /** Change a release a GitOps engine owns anyway (--force). */
  readonly force?: boolean;
}

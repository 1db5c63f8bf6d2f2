/**
 * The chart's mandatory-default rules (seed "Helm & Kubernetes", principles 1 and 2, plus "tokens
 * never in a ConfigMap"), checked three ways:
 *   - lintTemplates(files)  over templates/*.yaml text → findings with file:line;
 *   - checkManifests(docs)  over rendered objects (helm template / dry-run output);
 *   - checkValues(values)   over Helm values, by value path (what the wizard shows).
 * All pure; the wizard registers checkValues among its own rules, `buntime-deploy lint` runs all three.
 */
import {RULE_IDS, type RuleId} from './types.js';

export {
  ADMIN_ONLY_ENV,
  CORE_ENV,
  MANDATORY_VOLUMES,
  RUNTIME_ENV,
  RUNTIME_SECRET_ENV,
  mandatoryEnv,
  secretEnvNames,
} from './catalogue.js';
export {PLUGIN_ENV} from './plugin-env.generated.js';
export {checkManifests, type ManifestDoc} from './manifests.js';
export {lintTemplates, type TemplateFile} from './template-lint.js';
export {checkValues, type CheckValuesOptions} from './values.js';
export {RULE_IDS, type EnvSpec, type RuleId, type VolumeSpec} from './types.js';

/** One line per rule, for help screens and reports. */
export const RULES: ReadonlyArray<{readonly id: RuleId; readonly summary: string}> = [
  {
    id: RULE_IDS.volumes,
    summary:
      '/data/plugins, /data/apps, /data/state and /data/turso are always mounted, each from the right kind of volume.',
  },
  {
    id: RULE_IDS.env,
    summary:
      'Core env variables are always defined with a default, never inside {{ if }} (except booleans, optional arrays and tokens).',
  },
  {id: RULE_IDS.secrets, summary: 'Tokens and keys reach pods through Secrets, never through a ConfigMap.'},
  {
    id: RULE_IDS.admin,
    summary:
      "turso-server's admin token and URL reach only turso-server and the backup/restore Jobs, never runtime pods.",
  },
];

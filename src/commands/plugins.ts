import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';
import {runPluginsList, runPluginsPush, runPluginsRemove} from '../services/operate/plugins.js';
import {operateOptions} from './options.js';
import type {CommandArgs} from './registry.js';

const USAGE = 'buntime-deploy plugins list | plugins push DIR | plugins remove NAME';

/** `buntime-deploy plugins list|push DIR|remove NAME`: the runtime's plugins, through a runtime pod. */
export async function run(args: CommandArgs, ctx: Context): Promise<number> {
  const [action, argument] = args.positionals;
  const options = operateOptions(args.flags);
  switch (action) {
    case 'list':
      if (argument !== undefined)
        throw new UserError(`'plugins list' takes no argument (got '${argument}').`, {hint: `Usage: ${USAGE}`});
      return runPluginsList(options, ctx);
    case 'push':
      if (argument === undefined)
        throw new UserError("'plugins push' needs the plugin folder.", {hint: `Usage: ${USAGE}`});
      return runPluginsPush({...options, dir: argument}, ctx);
    case 'remove':
      if (argument === undefined)
        throw new UserError("'plugins remove' needs the plugin's name.", {hint: `Usage: ${USAGE}`});
      return runPluginsRemove({...options, name: argument}, ctx);
    default:
      throw new UserError(`Unknown plugins action '${action ?? ''}'.`, {hint: `Usage: ${USAGE}`});
  }
}

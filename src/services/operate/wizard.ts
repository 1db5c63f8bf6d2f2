import type {Context} from '../../context.js';
import {askSelect, askText} from '../../ui/prompts/index.js';
import {say} from '../../ui/wizard/flow/index.js';
import {runPluginsList, runPluginsPush, runPluginsRemove} from './plugins.js';
import {runRestart} from './restart.js';
import {runRollback} from './rollback.js';
import type {OperateOptions} from './session.js';
import {runUninstall} from './uninstall.js';

/** The Start screen's day-2 actions: the same services as the commands, with the choices asked. */
export async function operateAction(
  ctx: Context,
  action: 'history' | 'restart' | 'plugins' | 'uninstall',
  options: OperateOptions,
): Promise<number> {
  switch (action) {
    case 'history':
      return runRollback({...options, pick: true}, ctx);
    case 'restart':
      return runRestart({...options, turso: false}, ctx);
    case 'uninstall': {
      const choice = await askSelect(
        ctx,
        {
          message: 'Uninstall: what happens to the data?',
          choices: [
            {value: 'keep', name: 'Keep every claim and the credentials Secret (a later install finds them again)'},
            {value: 'delete', name: 'Delete them too (asks you to type the release name)'},
          ],
          default: 'keep',
        },
        {answer: '--delete-data'},
      );
      return runUninstall({...options, deleteData: choice === 'delete', backup: false}, ctx);
    }
    case 'plugins': {
      await runPluginsList(options, ctx);
      const next = await askSelect(
        ctx,
        {
          message: 'Plugins: what now?',
          choices: [
            {value: 'push', name: 'Push a plugin folder (manifest.yaml + dist/plugin.js)'},
            {value: 'remove', name: 'Remove an uploaded plugin'},
            {value: 'done', name: 'Done'},
          ],
          default: 'done',
        },
        {answer: 'buntime-deploy plugins push DIR'},
      );
      if (next === 'done') return 0;
      if (next === 'push') {
        const dir = await askText(
          ctx,
          {message: 'Plugin folder', validate: (value) => (value.trim() ? true : 'Give a folder')},
          {answer: 'buntime-deploy plugins push DIR'},
        );
        return runPluginsPush({...options, dir: dir.trim()}, ctx);
      }
      const name = await askText(
        ctx,
        {
          message: 'Plugin to remove (folder or manifest name)',
          validate: (value) => (value.trim() ? true : 'Give a name'),
        },
        {answer: 'buntime-deploy plugins remove NAME'},
      );
      say(ctx, '');
      return runPluginsRemove({...options, name: name.trim()}, ctx);
    }
  }
}

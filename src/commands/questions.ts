import {UserError} from '../core/errors.js';
import type {Context} from './context.js';
import type {CommandArgs} from './registry.js';

export async function run(_args: CommandArgs, _ctx: Context): Promise<number> {
  throw new UserError('The questions command is not built yet.');
}

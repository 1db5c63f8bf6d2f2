import {connect, type KubeConnection} from '../adapters/kube/client.js';
import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';

/** The kubeconfig's connection, or a UserError saying there is no cluster configured. */
export async function connectOrExplain(ctx: Context, kubeContext: string | undefined): Promise<KubeConnection> {
  const conn = await connect({env: ctx.env, ...(kubeContext ? {context: kubeContext} : {})});
  if (!conn) {
    throw new UserError('No Kubernetes cluster configured: no kubeconfig was found.', {
      hint: 'Set KUBECONFIG or create ~/.kube/config, or pass --kube-context.',
    });
  }
  return conn;
}

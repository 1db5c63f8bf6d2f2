import {connect, type KubeConnection} from '../adapters/kube/client.js';
import {probeApiServer, releasePresence} from '../adapters/kube/presence.js';
import type {Context} from '../context.js';
import {UserError} from '../core/errors.js';

/**
 * The kubeconfig's connection once the API server answered, within the one connect timeout every
 * command uses (CONNECT_TIMEOUT_MS); a UserError when there is no cluster configured (or an
 * unknown --kube-context), an ExternalError when it does not answer.
 */
export async function connectOrExplain(ctx: Context, kubeContext: string | undefined): Promise<KubeConnection> {
  const conn = await connect({env: ctx.env, ...(kubeContext ? {context: kubeContext} : {})});
  if (!conn) {
    throw new UserError('No Kubernetes cluster configured: no kubeconfig was found.', {
      hint: 'Set KUBECONFIG or create ~/.kube/config, or pass --kube-context.',
    });
  }
  await probeApiServer(conn, ctx.signal);
  return conn;
}

/**
 * connectOrExplain, then the namespace and the release must exist: a typo in --namespace or
 * --release is named as such (exit 2), not reported as an unhealthy release.
 */
export async function connectToRelease(
  ctx: Context,
  target: {readonly namespace: string; readonly release: string; readonly kubeContext?: string},
): Promise<KubeConnection> {
  const conn = await connectOrExplain(ctx, target.kubeContext);
  const presence = await releasePresence(conn, target.namespace, target.release, ctx.signal);
  if (presence.namespace === 'missing') {
    throw new UserError(`Namespace ${target.namespace} does not exist in context ${conn.context}.`, {
      hint: 'Check --namespace (kubectl get namespaces), or --kube-context.',
    });
  }
  if (presence.release === 'missing') {
    throw new UserError(`Release ${target.release} is not installed in namespace ${target.namespace}.`, {
      hint: presence.releases.length
        ? `Releases in ${target.namespace}: ${presence.releases.join(', ')} (pass --release NAME).`
        : `Namespace ${target.namespace} has no Helm releases; check --namespace (helm list -A).`,
    });
  }
  return conn;
}

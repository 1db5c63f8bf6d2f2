import {stringify} from 'yaml';

/**
 * A kubeconfig for the admin token, with the CA inline so the file stands alone (kubectl, helm 3/4 and
 * @kubernetes/client-node all verify the server with it; no insecure-skip-tls-verify).
 */
export function kubeconfigYaml(options: {name: string; port: number; ca: string; token: string}): string {
  const {name} = options;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: `https://127.0.0.1:${options.port}`,
          'certificate-authority-data': Buffer.from(options.ca).toString('base64'),
        },
      },
    ],
    users: [{name: `${name}-admin`, user: {token: options.token}}],
    contexts: [{name, context: {cluster: name, user: `${name}-admin`, namespace: 'default'}}],
    'current-context': name,
    preferences: {},
  });
}

// The only parts of @kubernetes/client-node we load: kubeconfig handling and auth, Watch, Exec and
// PortForward. Importing their modules directly (the package has no exports map) instead of the
// index keeps the rest of the library out of the bundle: the generated API classes (~2.5 MB; rest.ts
// makes those calls), cp (tar), metrics, logs and the rest.
export {KubeConfig} from '@kubernetes/client-node/dist/config.js';
export {PortForward} from '@kubernetes/client-node/dist/portforward.js';
export {Watch} from '@kubernetes/client-node/dist/watch.js';
export {Exec} from '@kubernetes/client-node/dist/exec.js';

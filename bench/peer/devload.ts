// dev only: N load pods in namespace t1 of the benchdev cluster
import * as k8s from '@kubernetes/client-node';
import {nodeObject} from '../../test/cluster/nodes.js';
import {PodTracker, scaleLoad} from './load.js';
const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const clients = {
  lib: k8s,
  kc,
  core: kc.makeApiClient(k8s.CoreV1Api),
  rbac: kc.makeApiClient(k8s.RbacAuthorizationV1Api),
};
const node = nodeObject(0);
await clients.core
  .createNode({
    body: {
      ...node,
      metadata: {...node.metadata, name: 'kwok-load-0'},
      spec: {taints: [{key: 'bench/load', value: 'true', effect: 'NoSchedule'}]},
      status: {
        ...node.status,
        allocatable: {cpu: '1000', memory: '4Ti', pods: '10000'},
        capacity: {cpu: '1000', memory: '4Ti', pods: '10000'},
      },
    },
  })
  .catch(() => undefined);
const tracker = await PodTracker.start(clients as never, 't1');
const t = Date.now();
await scaleLoad(clients as never, tracker, tracker.readyLoad(), Number(process.argv[2]));
console.log('ready', Date.now() - t);
tracker.stop();

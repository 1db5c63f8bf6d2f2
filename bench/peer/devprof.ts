// dev only
import {mkdirSync} from 'node:fs';
import {profileLiveScreen} from './profile.js';
import {stopAll} from './cleanup.js';
const dir = `/tmp/exp/prof-${Date.now()}`;
mkdirSync(dir, {recursive: true});
const tool = {
  name: 'ours',
  label: 'x',
  command: `node /work/wt/bench/bin/buntime-deploy.js status -n ${process.argv[2] ?? 't1'}`,
  env: {PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C.UTF-8', KUBECONFIG: process.env.KUBECONFIG ?? ''},
  identity: {user: '', kubeconfig: ''},
} as const;
try {
  console.log(await profileLiveScreen({dir} as never, 't1', tool as never));
} finally {
  stopAll();
}

import {statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {coldNpx, pack} from './npx.js';
import {benchLiveScreen} from './live-screen.js';
import {benchRender} from './render.js';
import {benchPeers, type PeerResult} from './peer/index.js';
import {benchOptions} from './peer/options.js';
import {peerTable} from './peer/report.js';
import {CLI, hyperfineMedians, offlineEnv, ptyPair} from './startup.js';
import {type Figure, meets} from './stats.js';

// `npm run bench`: builds, then measures everything in one run and prints two Markdown tables (the
// offline figures, then the peers measured on the test cluster) that are pasted into the README's
// Performance section (bench/results.json keeps the raw figures). Nothing here is a test.
const ROOT = join(import.meta.dirname, '..');
const options = benchOptions(process.argv.slice(2));
const figures: Figure[] = [];
let peers: PeerResult | undefined;
const started = new Date().toISOString();

// Each table is printed (and results.json written) as soon as its section is done, so a failure
// later on loses nothing measured before it.
if (options.offline) {
  try {
    await offlineFigures();
  } catch (error) {
    console.error(`bench: the offline figures stopped early: ${error instanceof Error ? error.message : error}`);
  }
  printOffline();
  saveResults();
}
if (options.peer) {
  peers = await benchPeers(options.peerOptions);
  console.log(`\nPeers, on the test cluster in the same run (${peers.k9sVersion}):\n`);
  console.log(peerTable(peers.figures));
  if (peers.profile) console.log(`\n\`\`\`\n${peers.profile}\n\`\`\``);
  saveResults();
}

function saveResults(): void {
  writeFileSync(
    join(ROOT, 'bench', 'results.json'),
    `${JSON.stringify({date: started, node: process.version, figures, peers}, null, 2)}\n`,
  );
}

async function offlineFigures(): Promise<void> {
  const bundleBytes = statSync(join(ROOT, 'dist', 'buntime-deploy.js')).size;
  figures.push({
    name: 'Bundle size (dist/buntime-deploy.js)',
    value: Math.round(bundleBytes / 1024),
    unit: 'KB',
    target: 1536,
  });

  const [nodeMs, versionMs, helpMs] = hyperfineMedians(['node -e 0', `${CLI} --version`, `${CLI} --help`]) as [
    number,
    number,
    number,
  ];
  figures.push({name: '`node -e 0` (baseline)', value: round(nodeMs), unit: 'ms'});
  figures.push({
    name: '`buntime-deploy --version`',
    value: round(versionMs / nodeMs, 2),
    unit: 'x',
    target: 1.3,
    detail: `${round(versionMs)} ms; answered by the bin shim without loading the bundle`,
  });
  figures.push({
    name: '`buntime-deploy --help` (loads the whole bundle)',
    value: round(helpMs / nodeMs, 2),
    unit: 'x',
    detail: `${round(helpMs)} ms`,
  });

  const offline = offlineEnv();
  try {
    // The first frame is the wizard's Start screen header, drawn while helm and the cluster are
    // inspected (here: no kubeconfig, so the inspection is quick anyway).
    const {baselineMs, subjectMs} = await ptyPair(
      {command: 'node -e 0'},
      {command: CLI, marker: /Looking at the cluster|What do you want/},
      offline.env,
      20,
    );
    figures.push({
      name: 'First interactive frame (wizard Start screen, in a pty)',
      value: round(subjectMs / baselineMs, 2),
      unit: 'x',
      target: 2,
      detail: `${round(subjectMs)} ms vs ${round(baselineMs)} ms for node -e 0 in the same pty`,
    });
  } finally {
    offline.cleanup();
  }

  const render = await benchRender();
  figures.push({
    name: render.name,
    value: render.medianMs,
    unit: 'ms',
    target: 20,
    detail: `${render.samples} samples`,
  });

  figures.push(...(await benchLiveScreen()));

  const packed = pack();
  try {
    const npx = coldNpx(packed.tarball);
    figures.push({
      name: 'Cold `npx` of the packed tarball, empty npm cache',
      value: round(npx.medianMs / 1000, 2),
      unit: 's',
      target: 1.5,
      detail: `tarball ${Math.round(packed.bytes / 1024)} KB, printed ${npx.version}`,
    });
  } finally {
    packed.cleanup();
  }
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function printOffline(): void {
  const lines = ['| Measure | Median | Target | Met | Detail |', '| --- | --- | --- | --- | --- |'];
  for (const figure of figures) {
    const ok = meets(figure);
    lines.push(
      `| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.target === undefined ? '' : `≤ ${figure.target} ${figure.unit}`} | ${
        ok === undefined ? '' : ok ? 'yes' : '**no**'
      } | ${figure.detail ?? ''} |`,
    );
  }
  if (figures.length) console.log(lines.join('\n'));
}

// Builds the one published file, dist/buntime-deploy.js: every dependency inlined (the package has
// no runtime dependencies), ESM, Node 20, with an external source map for development.
import {build} from 'esbuild';
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

const minify = !process.argv.includes('--no-minify');

/** ink imports react-devtools-core statically from a file it only loads with DEV=true. */
const stubDevtools = {
  name: 'stub-react-devtools-core',
  setup(b) {
    b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
    b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({
      contents: 'export default {initialize() {}, connectToDevTools() {}};',
      loader: 'js',
    }));
  },
};

/**
 * node-fetch 2 (inside @kubernetes/client-node) only needs a WHATWG URL parser from whatwg-url;
 * Node's global URL is one, and dropping whatwg-url removes ~300 KB (tr46) from the bundle.
 */
const nativeUrl = {
  name: 'native-whatwg-url',
  setup(b) {
    b.onResolve({filter: /^whatwg-url$/}, () => ({path: 'whatwg-url', namespace: 'native-url'}));
    b.onLoad({filter: /.*/, namespace: 'native-url'}, () => ({
      contents: 'export const URL = globalThis.URL; export default {URL: globalThis.URL};',
      loader: 'js',
    }));
  },
};

/**
 * client-node's config.js imports its generated API package (every model of every API group,
 * ~350 KB) only for KubeConfig.makeApiClient. We never call it (src/adapters/kube/rest.ts makes the
 * calls; a unit test keeps makeApiClient out of src/), so the bundle gets a stub that fails loudly.
 */
const noGeneratedApi = {
  name: 'no-client-node-generated-api',
  setup(b) {
    b.onResolve({filter: /^\.\/gen\/index\.js$/}, (args) =>
      /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/.test(args.importer) ? {path: 'gen', namespace: 'no-gen-api'} : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'no-gen-api'}, () => ({
      contents:
        "const unavailable = () => { throw new Error('KubeConfig.makeApiClient is not bundled: use src/adapters/kube/rest.ts'); };\n" +
        'export const createConfiguration = unavailable;\nexport class ServerConfiguration { constructor() { unavailable(); } }\n',
      loader: 'js',
    }));
  },
};

await mkdir('dist', {recursive: true});
const result = await build({
  entryPoints: ['src/entry.ts'],
  outfile: 'dist/buntime-deploy.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify,
  sourcemap: 'external',
  // Licences go to THIRD_PARTY_NOTICES.txt (below), not into the bundle.
  legalComments: 'none',
  metafile: true,
  plugins: [stubDevtools, nativeUrl, noGeneratedApi],
  // CommonJS dependencies (ws, js-yaml, …) call require(); give the ESM bundle one.
  banner: {js: "import {createRequire as __bdRequire} from 'node:module'; const require = __bdRequire(import.meta.url);"},
  define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
  logLevel: 'warning',
});
await writeFile('dist/meta.json', JSON.stringify(result.metafile));
await writeFile('THIRD_PARTY_NOTICES.txt', await notices(result.metafile));
const size = (await readFile('dist/buntime-deploy.js')).length;
console.log(`dist/buntime-deploy.js ${(size / 1024).toFixed(0)} KB`);

/**
 * Every npm package that ended up in the bundle, with its licence text: the bundle ships their code,
 * so it ships their notices too. Derived from the metafile, so it never drifts from the bundle.
 */
async function notices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1], true);
  }
  const sections = [];
  for (const dir of [...packages.keys()].sort()) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const files = await readdir(dir);
    const licenceFile = files.find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
    const text = licenceFile ? (await readFile(join(dir, licenceFile), 'utf8')).trim() : `License: ${pkg.license ?? 'see package'}`;
    sections.push(`${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}`);
  }
  return `buntime-deploy bundles the following packages.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

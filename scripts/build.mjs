// Builds the one published file, dist/buntime-deploy.js: every dependency inlined (the package has
// no runtime dependencies), ESM, Node 20, with an external source map for development.
import {build} from 'esbuild';
import {mkdir, readFile, writeFile} from 'node:fs/promises';

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
  legalComments: 'eof',
  metafile: true,
  plugins: [stubDevtools, nativeUrl],
  // CommonJS dependencies (ws, js-yaml, …) call require(); give the ESM bundle one.
  banner: {js: "import {createRequire as __bdRequire} from 'node:module'; const require = __bdRequire(import.meta.url);"},
  define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
  logLevel: 'warning',
});
await writeFile('dist/meta.json', JSON.stringify(result.metafile));
const size = (await readFile('dist/buntime-deploy.js')).length;
console.log(`dist/buntime-deploy.js ${(size / 1024).toFixed(0)} KB`);

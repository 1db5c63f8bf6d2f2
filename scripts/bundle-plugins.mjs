// esbuild plugins shared by the published bundle (scripts/build.mjs) and the benchmarks that bundle
// the product the same way (bench/live-screen.ts). Each one says why it exists.
import {readFile} from 'node:fs/promises';
import {NARROW_CHARS} from './narrow-chars.mjs';

/** ink imports react-devtools-core statically from a file it only loads with DEV=true. */
export const stubDevtools = {
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
export const nativeUrl = {
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
export const noGeneratedApi = {
  name: 'no-client-node-generated-api',
  setup(b) {
    b.onResolve({filter: /^\.\/gen\/index\.js$/}, (args) =>
      /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/.test(args.importer)
        ? {path: 'gen', namespace: 'no-gen-api'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'no-gen-api'}, () => ({
      contents:
        "const unavailable = () => { throw new Error('KubeConfig.makeApiClient is not bundled: use src/adapters/kube/rest.ts'); };\n" +
        'export const createConfiguration = unavailable;\nexport class ServerConfiguration { constructor() { unavailable(); } }\n',
      loader: 'js',
    }));
  },
};

const WASM_URL = /H="(data:application\/octet-stream;base64,[A-Za-z0-9+/=]+)"/;

/**
 * yoga-layout (Ink's layout engine) loads its WebAssembly by fetch()ing a data: URL, which boots
 * Node's bundled undici and percent-decodes ~120 KB before the first frame can be drawn. Instead the
 * bundle hands Emscripten an `instantiateWasm` hook that compiles the same bytes synchronously from
 * a Buffer. The data URL literal moves to a module-level export, so it is not duplicated.
 */
export const yogaSyncWasm = {
  name: 'yoga-sync-wasm',
  setup(b) {
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const match = WASM_URL.exec(text);
      if (!match) throw new Error(`yoga-sync-wasm: no embedded wasm data URL in ${args.path} (yoga-layout changed?)`);
      return {
        contents: `export const __yogaWasmUrl = "${match[1]}";\n${text.replace(match[0], 'H=__yogaWasmUrl')}`,
        loader: 'js',
      };
    });
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('wrapAssembly(await loadYoga())'))
        throw new Error(`yoga-sync-wasm: unexpected ${args.path} (yoga-layout changed?)`);
      return {
        contents: [
          "import loadYoga, {__yogaWasmUrl} from '../binaries/yoga-wasm-base64-esm.js';",
          "import wrapAssembly from './wrapAssembly.js';",
          "const wasm = Buffer.from(__yogaWasmUrl.slice(__yogaWasmUrl.indexOf(',') + 1), 'base64');",
          'const Yoga = wrapAssembly(await loadYoga({instantiateWasm(imports, receive) {',
          '  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), imports);',
          '  receive(instance);',
          '  return instance.exports;',
          '}}));',
          'export default Yoga;',
          "export * from './generated/YGEnums.js';",
        ].join('\n'),
        loader: 'js',
        resolveDir: args.path.replace(/[\\/][^\\/]+$/, ''),
      };
    });
  },
};

/**
 * Ink measures every string with string-width. Its first non-ASCII string compiles a very large
 * \p{RGI_Emoji} regular expression and an Intl.Segmenter: ~25 ms before the first frame. Strings
 * made only of characters in NARROW_CHARS are one column per character (proven against
 * string-width itself in test/unit/narrow-chars.test.ts), so they skip it; everything else goes to
 * the real function (each string-width version Ink pulls in keeps its own wrapper).
 */
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({filter: /^string-width$/}, async (args) => {
      if (args.namespace === 'fast-string-width') return undefined;
      const real = await b.resolve('string-width', {
        resolveDir: args.resolveDir,
        kind: args.kind,
        namespace: 'fast-string-width',
      });
      if (real.errors.length > 0) return {errors: real.errors};
      return {path: real.path, namespace: 'fast-string-width'};
    });
    b.onLoad({filter: /.*/, namespace: 'fast-string-width'}, (args) => ({
      contents: [
        `const narrow = /^[${NARROW_CHARS}]*$/;`,
        // Ink measures coloured text: plain SGR colour codes are stripped first (anything else, e.g.
        // hyperlinks, goes to the real function).
        'const sgr = /\\u001B\\[[0-9;]*m/g;',
        'let real;',
        'export default function stringWidth(input, options) {',
        "  if (typeof input === 'string') {",
        "    const plain = input.includes('\\u001B') ? input.replace(sgr, '') : input;",
        '    if (narrow.test(plain)) return plain.length;',
        '  }',
        // require() of an ES module becomes a lazy init in the bundle: the real module (and its
        // Intl.Segmenter) is set up on the first string that needs it, not at start-up.
        `  real ??= require(${JSON.stringify(args.path)}).default;`,
        '  return real(input, options);',
        '}',
      ].join('\n'),
      loader: 'js',
      // The absolute require above resolves as a plain file (and is not matched again by onResolve).
      resolveDir: args.path.replace(/[\\/][^\\/]+$/, ''),
    }));
  },
};

/** Every plugin the product bundle needs, in order. */
export const bundlePlugins = [stubDevtools, nativeUrl, noGeneratedApi, yogaSyncWasm, fastStringWidth];

/** CommonJS dependencies (ws, js-yaml, …) call require(); give the ESM bundle one. */
export const requireBanner =
  "import {createRequire as __bdRequire} from 'node:module'; const require = __bdRequire(import.meta.url);";

// Builds the one published file, dist/buntime-deploy.js: every dependency inlined (the package has
// no runtime dependencies), ESM, Node 20, with an external source map for development.
import {build} from 'esbuild';
import {bundlePlugins, requireBanner} from './bundle-plugins.mjs';
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

const minify = !process.argv.includes('--no-minify');

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
  plugins: bundlePlugins,
  banner: {js: requireBanner},
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
    // Plugin-generated modules (namespace:path) are ours; the files they wrap are listed on their own.
    if (/^[a-z-]+:/.test(input)) continue;
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1], true);
  }
  const sections = [];
  for (const dir of [...packages.keys()].sort()) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const files = await readdir(dir);
    const licenceFile = files.find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
    const text = licenceFile
      ? (await readFile(join(dir, licenceFile), 'utf8')).trim()
      : `License: ${pkg.license ?? 'see package'}`;
    sections.push(`${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}`);
  }
  return `buntime-deploy bundles the following packages.\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

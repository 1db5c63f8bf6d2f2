#!/usr/bin/env node
// Tiny shim. A bare `--version` is answered from package.json without compiling the bundle
// (scripts and CI call it often; compiling ~1 MB of JavaScript is most of our start-up). Anything
// else turns on Node's module compile cache where this Node has it (22.1+) and loads the bundle.
// A checkout that was never built has no bundle: say how to build it, for --version too, so a
// version answer never hides a tool that cannot run.
import {existsSync, readFileSync} from 'node:fs';
import module from 'node:module';
import {fileURLToPath} from 'node:url';

const bundle = new URL('../dist/buntime-deploy.js', import.meta.url);
if (!existsSync(bundle)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `buntime-deploy: the bundle ${fileURLToPath(bundle)} is missing (a source checkout that was not built).\n` +
      `  hint: run \`npm ci\` (it builds the bundle) or \`npm run build\` in ${root}\n`,
  );
  process.exit(1);
}
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  try {
    module.enableCompileCache?.();
  } catch {
    // An unwritable cache directory must never stop the CLI.
  }
  await import(bundle.href);
}

#!/usr/bin/env node
// Tiny shim. A bare `--version` is answered from package.json without compiling the bundle
// (scripts and CI call it often; compiling ~1 MB of JavaScript is most of our start-up). Anything
// else turns on Node's module compile cache where this Node has it (22.1+) and loads the bundle.
import {readFileSync} from 'node:fs';
import module from 'node:module';

if (process.argv.length === 3 && process.argv[2] === '--version') {
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  try {
    module.enableCompileCache?.();
  } catch {
    // An unwritable cache directory must never stop the CLI.
  }
  await import('../dist/buntime-deploy.js');
}

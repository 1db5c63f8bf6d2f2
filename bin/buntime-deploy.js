#!/usr/bin/env node
// Tiny shim: turn on Node's module compile cache where this Node has it (22.1+), then load
// the bundle. Kept separate so the bundle itself stays a plain ESM module.
import module from 'node:module';

try {
  module.enableCompileCache?.();
} catch {
  // An unwritable cache directory must never stop the CLI.
}
await import('../dist/buntime-deploy.js');

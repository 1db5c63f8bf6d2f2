import pkg from '../package.json' with {type: 'json'};

/** The package version; esbuild inlines it, so this costs nothing at start-up. */
export const VERSION: string = pkg.version;

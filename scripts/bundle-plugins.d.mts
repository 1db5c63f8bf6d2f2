import type {Plugin} from 'esbuild';

export declare const stubDevtools: Plugin;
export declare const nativeUrl: Plugin;
export declare const noGeneratedApi: Plugin;
export declare const yogaSyncWasm: Plugin;
export declare const bundlePlugins: Plugin[];
export declare const requireBanner: string;
export declare const fastStringWidth: Plugin;

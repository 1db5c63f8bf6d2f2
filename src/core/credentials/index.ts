export * from './keys.js';
export * from './redact.js';

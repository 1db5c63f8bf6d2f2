import {parseAt} from '../core/backups/snapshots.js';
import {UserError} from '../core/errors.js';
import type {BackupsTarget} from '../services/backups/access.js';
import {targetOptions} from './options.js';
import {flagString, type ParsedFlags} from './parse-args.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** --namespace/--release/--kube-context plus --s3-endpoint, validated. */
export function backupsTarget(flags: ParsedFlags): BackupsTarget {
  const {release, namespace, kubeContext} = targetOptions(flags);
  const s3Endpoint = flagString(flags, 's3-endpoint');
  if (s3Endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(s3Endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new UserError(`--s3-endpoint '${s3Endpoint}' is not an http(s) URL.`, {
        hint: 'e.g. --s3-endpoint http://127.0.0.1:9000 (a port-forward you opened) or https://s3.eu-west-1.amazonaws.com',
      });
  }
  return {release, namespace, ...(kubeContext ? {kubeContext} : {}), ...(s3Endpoint ? {s3Endpoint} : {})};
}

/** A turso-server namespace name given as an argument. */
export function tursoNamespace(name: string): string {
  if (!NAME.test(name))
    throw new UserError(`'${name}' is not a turso-server namespace name.`, {
      hint: 'Namespace names match ^[a-z0-9][a-z0-9_-]{0,62}$ (e.g. api-keys, runtime).',
    });
  return name;
}

/** --at as UTC ms. */
export function atOption(text: string): number {
  const at = parseAt(text);
  if (at === undefined)
    throw new UserError(`--at '${text}' is not a time.`, {
      hint: 'Use a snapshot stamp (20260102T030405Z), an RFC 3339 time (2026-01-02T03:04:05Z) or a date (2026-01-02).',
    });
  return at;
}

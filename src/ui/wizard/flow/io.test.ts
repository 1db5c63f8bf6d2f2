import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {createStyle} from '../../style.js';
import {say} from './io.js';

describe('say', () => {
  it('wraps a note between words at the terminal width, keeping its indent', () => {
    let output = '';
    const stdout = Object.assign(new PassThrough(), {columns: 60});
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const io = {stdin: new PassThrough(), stdout, interactive: true, style: createStyle(false)};
    say(
      io,
      'note: service.type stays NodePort so the runtime is reachable without an Ingress; set ingress.host and service.type=ClusterIP to expose it through an Ingress.',
    );
    say(io, '  ! Could not check from here: getaddrinfo ENOTFOUND minio.minio.svc.cluster.local');
    const lines = output.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines).toEqual([
      'note: service.type stays NodePort so the runtime is',
      'reachable without an Ingress; set ingress.host and',
      'service.type=ClusterIP to expose it through an Ingress.',
      '  ! Could not check from here: getaddrinfo ENOTFOUND',
      '  minio.minio.svc.cluster.local',
    ]);
  });
});

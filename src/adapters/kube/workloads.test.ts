import {describe, expect, it} from 'vitest';
import {defaultFullname, releaseSelector} from './workloads.js';

describe('defaultFullname (the chart helper without fullnameOverride)', () => {
  it.each([
    ['buntime', 'buntime'],
    ['my-buntime', 'my-buntime'],
    ['prod', 'prod-buntime'],
    [`${'a'.repeat(60)}`, `${'a'.repeat(60)}-bu`],
    [`${'a'.repeat(62)}`, 'a'.repeat(62)],
  ])('%s → %s', (release, fullname) => expect(defaultFullname(release)).toBe(fullname));

  it('selects every pod of the release by instance and name', () => {
    expect(releaseSelector('prod')).toBe('app.kubernetes.io/instance=prod,app.kubernetes.io/name=buntime');
  });
});

import {describe, expect, it} from 'vitest';
import {releaseSelector} from './workloads.js';

describe('releaseSelector', () => {
  it('selects every pod of the release by instance and name', () => {
    expect(releaseSelector('prod')).toBe('app.kubernetes.io/instance=prod,app.kubernetes.io/name=buntime');
  });
});

import {describe, expect, it} from 'vitest';
import {describeForwardError} from './port-forward.js';

describe('describeForwardError', () => {
  it.each([
    [
      {message: 'Unexpected server response: 400'},
      'the API server refused the port-forward to p-0 (HTTP 400): the pod is not running yet (Pending, or no node)',
    ],
    [{message: 'Unexpected server response: 404'}, 'pod p-0 does not exist'],
    [
      {message: 'Unexpected server response: 403'},
      'not allowed to port-forward to p-0 (needs create on pods/portforward)',
    ],
    [new Error('connect ECONNREFUSED 127.0.0.1:6443'), 'connect ECONNREFUSED 127.0.0.1:6443'],
    ['plain', 'plain'],
  ])('%j', (error, text) => expect(describeForwardError(error, 'p-0')).toBe(text));
});

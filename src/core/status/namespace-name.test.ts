import {describe, expect, it} from 'vitest';
import {namespaceNameError} from '../../../test/turso-double/rules.js';
import {validateNamespaceName} from './namespace-name.js';

// The screen validates names before calling the server; its messages must be the server's.
// The turso double holds an independent reading of the rule, so both are checked together.
describe('validateNamespaceName', () => {
  it.each([
    ['api-keys', undefined],
    ['a', undefined],
    ['0-db_x', undefined],
    ['a'.repeat(63), undefined],
    ['', 'namespace name is empty'],
    ['a'.repeat(64), 'namespace name longer than 63 characters'],
    ['MyApp', "namespace name contains invalid character 'M' at position 0"],
    ['my app', "namespace name contains invalid character ' ' at position 2"],
    ['-x', 'namespace name must start with [a-z0-9]'],
    ['_x', 'namespace name must start with [a-z0-9]'],
    ['café', "namespace name contains invalid character 'é' at position 3"],
  ])('%j', (name, expected) => {
    expect(validateNamespaceName(name)).toBe(expected);
    expect(namespaceNameError(name)).toBe(expected);
  });
});

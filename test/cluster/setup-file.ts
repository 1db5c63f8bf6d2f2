/**
 * Runs in each e2e test file (vitest setupFiles): when the file ends, delete the namespaces it
 * created and put the cluster back to one node, so files do not see each other's leftovers.
 */
import {afterAll} from 'vitest';
import {deleteCreatedNamespaces, restoreNodeCount} from './harness.js';

afterAll(async () => {
  await deleteCreatedNamespaces();
  await restoreNodeCount();
});

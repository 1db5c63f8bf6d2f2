/**
 * The GitOps engines' CRDs (Flux source + HelmRelease, Argo CD Application/AppProject, k3s
 * HelmChart/HelmChartConfig), built into the tool cache from their Go modules by build.sh. Only the
 * test files that validate exports install them: `installGitopsCrds()` in beforeAll and
 * `removeGitopsCrds()` in afterAll, so every other e2e file sees a cluster without them.
 */
import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {kubectl} from './harness.js';
import {toolPaths} from './tools.js';

export type GitopsEngine = 'flux' | 'argocd' | 'k3s';

async function crdFiles(engines: readonly GitopsEngine[]): Promise<string[]> {
  const dirs = toolPaths().gitopsCrds;
  const wanted = engines.flatMap((engine) =>
    engine === 'flux' ? [dirs.fluxSource, dirs.fluxHelmRelease] : engine === 'argocd' ? [dirs.argocd] : [dirs.k3s],
  );
  const files: string[] = [];
  for (const dir of wanted)
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.yaml')).sort())
      files.push(join(dir, name));
  if (files.length === 0) throw new Error('No GitOps CRDs in the tool cache: run `npm run cluster -- build`.');
  return files;
}

const installed = new Set<string>();

/**
 * Applies the CRDs (server-side: they are larger than the last-applied annotation allows) and waits
 * until they are Established.
 */
export async function installGitopsCrds(engines: readonly GitopsEngine[] = ['flux', 'argocd', 'k3s']): Promise<void> {
  const files = await crdFiles(engines);
  const args = files.flatMap((file) => ['-f', file]);
  const applied = await kubectl(['apply', '--server-side', '--field-manager=buntime-test', ...args, '-o', 'name']);
  const names = applied.split('\n').filter(Boolean);
  for (const name of names) installed.add(name);
  await kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...names]);
}

/** Deletes the CRDs this file installed (their kinds stop being served). */
export async function removeGitopsCrds(): Promise<void> {
  if (installed.size === 0) return;
  await kubectl(['delete', '--ignore-not-found', ...installed]);
  installed.clear();
}

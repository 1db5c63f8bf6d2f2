/**
 * The chart's values.schema.json refuses, for helm 3 and helm 4 alike (so Rancher and plain helm
 * users are protected too), what Kubernetes or the container runtime would refuse later: empty or
 * oddly written sizes, invalid object names, image references that cannot be pulled. And it
 * still accepts the valid forms.
 */
import {describe, expect, it} from 'vitest';
import {HELMS, render, renderError} from './render.js';

describe.each(HELMS)('$name: the schema holds Kubernetes name and quantity rules', (helm) => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a zero size', {persistence: {apps: {size: '0'}}}, '/persistence/apps/size'],
    ['milli-bytes', {persistence: {plugins: {size: '10m'}}}, '/persistence/plugins/size'],
    ['an exponent', {persistence: {state: {size: '1e3'}}}, '/persistence/state/size'],
    ['a leading dot', {tursoServer: {persistence: {size: '.5Gi'}}}, '/tursoServer/persistence/size'],
    ['a StorageClass with _', {persistence: {apps: {storageClass: 'Bad_SC'}}}, '/persistence/apps/storageClass'],
    ['nameOverride with capitals', {nameOverride: 'Bad_Name'}, '/nameOverride'],
    ['fullnameOverride starting with a digit', {fullnameOverride: '9app'}, '/fullnameOverride'],
    ['an upper-case image path', {image: {repository: 'UPPER/Case'}}, '/image/repository'],
    ['a tag with a slash', {image: {tag: 'a/b'}}, '/image/tag'],
    ['a pull secret with _', {imagePullSecrets: [{name: 'my_secret'}]}, '/imagePullSecrets/0/name'],
    ['an IngressClass with capitals', {ingress: {className: 'Nginx'}}, '/ingress/className'],
    ['a ServiceAccount with _', {serviceAccount: {name: 'my_sa'}}, '/serviceAccount/name'],
    ['an existingSecret with capitals', {buntime: {existingSecret: 'MySecret'}}, '/buntime/existingSecret'],
  ])('refuses %s', async (_name, values, path) => {
    expect(await renderError(helm, {values})).toContain(path);
  });

  it('accepts the valid forms', async () => {
    const rendered = await render(helm, {
      values: {
        nameOverride: 'app',
        image: {repository: 'localhost:5000/team/buntime', tag: '1.2.3_rc-1'},
        imagePullSecrets: [{name: 'gitlab-registry'}],
        serviceAccount: {name: 'buntime.sa'},
        ingress: {className: 'nginx'},
        persistence: {apps: {size: '0.5Gi', storageClass: '-'}, state: {size: '100M'}},
      },
    });
    expect(rendered.docs.length).toBeGreaterThan(0);
  });
});

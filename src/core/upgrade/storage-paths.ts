/**
 * Which chart values shape which storage object. Used to turn a blocker into a value fix ("keep the
 * live PVC's access mode") instead of a recipe. Names follow the chart: `<fullname>-plugins`,
 * `<fullname>-apps`, StatefulSet `<fullname>` with templates `state` and `turso`, and the
 * turso-server StatefulSet `<fullname>-turso` with template `data`.
 */
export function sharedPvcValuesPath(fullname: string, pvcName: string): string | undefined {
  if (pvcName === `${fullname}-plugins`) return 'persistence.plugins';
  if (pvcName === `${fullname}-apps`) return 'persistence.apps';
  return undefined;
}

/** Values path of a StatefulSet volumeClaimTemplate, or undefined for objects we do not know. */
export function claimTemplateValuesPath(fullname: string, statefulSet: string, template: string): string | undefined {
  if (statefulSet === fullname && template === 'state') return 'persistence.state';
  if (statefulSet === fullname && template === 'turso') return 'persistence.turso';
  if (statefulSet === `${fullname}-turso` && template === 'data') return 'tursoServer.persistence';
  return undefined;
}

/** What a PVC is to a release, read from its name (the chart's naming, see above). */
export interface ReleaseClaim {
  readonly name: string;
  /** plugins/apps: shared claims with `helm.sh/resource-policy: keep`; the rest are per-pod claims. */
  readonly role: 'plugins' | 'apps' | 'state' | 'turso' | 'turso-server';
  /** The values that shape it (storageClass, size, and accessMode for shared claims). */
  readonly valuesPath: string;
  /** The StatefulSet whose volumeClaimTemplate made it (per-pod claims only). */
  readonly statefulSet?: string;
  readonly ordinal?: number;
}

/**
 * The release claim `name` is, or undefined for any other PVC in the namespace. Per-pod claims are
 * `<template>-<statefulset>-<ordinal>`, exactly as the StatefulSet controller names them.
 */
export function releaseClaim(fullname: string, name: string): ReleaseClaim | undefined {
  if (name === `${fullname}-plugins`) return {name, role: 'plugins', valuesPath: 'persistence.plugins'};
  if (name === `${fullname}-apps`) return {name, role: 'apps', valuesPath: 'persistence.apps'};
  const perPod = [
    {template: 'state', statefulSet: fullname, role: 'state'},
    {template: 'turso', statefulSet: fullname, role: 'turso'},
    {template: 'data', statefulSet: `${fullname}-turso`, role: 'turso-server'},
  ] as const;
  for (const claim of perPod) {
    const prefix = `${claim.template}-${claim.statefulSet}-`;
    if (!name.startsWith(prefix)) continue;
    const ordinal = name.slice(prefix.length);
    if (!/^(0|[1-9]\d*)$/.test(ordinal)) continue;
    return {
      name,
      role: claim.role,
      valuesPath: claimTemplateValuesPath(fullname, claim.statefulSet, claim.template) as string,
      statefulSet: claim.statefulSet,
      ordinal: Number(ordinal),
    };
  }
  return undefined;
}

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

/**
 * Kubernetes and Helm name rules, one home for each: flags (--namespace, --release), prompts and
 * the value rules all call these, so a name refused in one place is refused everywhere.
 */

/** RFC 1123 label: what Kubernetes wants for namespace names and for each label of a host name. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 subdomain: the names of most Kubernetes objects (a Fleet cluster, a Secret). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** RFC 1035 label: Service names (and so every name the chart derives from its fullname). */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A release name this chart can use. Helm accepts RFC 1123 labels up to 53 characters, but the
 * chart names Services after the release, and Service names (RFC 1035) must start with a letter.
 */
const RELEASE_NAME = DNS1035_LABEL;

export const MAX_RELEASE_NAME = 53;
export const MAX_NAMESPACE_NAME = 63;

/** Why `name` cannot be a namespace name, or undefined when it can. */
export function namespaceNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAMESPACE_NAME) return `is ${name.length} characters long (at most ${MAX_NAMESPACE_NAME})`;
  if (!DNS_LABEL.test(name))
    return "must be lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** Why `name` cannot be this chart's release name, or undefined when it can. */
export function releaseNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_RELEASE_NAME)
    return `is ${name.length} characters long; Helm allows at most ${MAX_RELEASE_NAME}`;
  if (!RELEASE_NAME.test(name)) return "must be lower-case letters, digits and '-', starting with a letter";
  return undefined;
}

/** A valid release name close to `name` (for hints). */
export function suggestReleaseName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, MAX_RELEASE_NAME)
    .replace(/-+$/, '');
  return cleaned || 'buntime';
}

/** A valid namespace name close to `name` (for hints). */
export function suggestNamespaceName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_NAMESPACE_NAME)
    .replace(/-+$/, '');
  return cleaned || 'buntime';
}

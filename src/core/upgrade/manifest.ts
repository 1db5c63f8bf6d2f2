import {parseAllDocuments} from 'yaml';

/** The parts of a Kubernetes object the planner reads; everything else is kept as-is for diffs. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** `Kind/name`, the identity helm uses inside one namespace. */
export function objectKey(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata.name}`;
}

function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null) return false;
  const object = value as {kind?: unknown; apiVersion?: unknown; metadata?: {name?: unknown}};
  return (
    typeof object.kind === 'string' &&
    typeof object.apiVersion === 'string' &&
    typeof object.metadata?.name === 'string'
  );
}

/**
 * Parses a multi-document manifest (`helm get manifest`, `helm template`). `List` objects are
 * flattened; empty documents and comments (helm's `# Source:` lines) are skipped.
 */
export function parseManifest(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new Error(`Manifest is not valid YAML: ${document.errors[0]?.message ?? 'unknown error'}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const kind = (value as {kind?: unknown}).kind;
    if (kind === 'List' && Array.isArray((value as {items?: unknown}).items)) {
      for (const item of (value as {items: unknown[]}).items) if (isKubeObject(item)) objects.push(item);
    } else if (isKubeObject(value)) {
      objects.push(value);
    }
  }
  return objects;
}

/** Objects by `Kind/name`. */
export function indexObjects(objects: readonly KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.map((object) => [objectKey(object), object]));
}

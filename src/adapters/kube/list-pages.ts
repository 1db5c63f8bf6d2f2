import type {ListResult} from './watch.js';

/** Items per LIST page, as client-go's reflector asks for. */
export const PAGE_SIZE = 500;

/** One page of a LIST as the API returns it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly metadata?: {readonly resourceVersion?: string; readonly continue?: string};
}

/**
 * A LIST in pages of PAGE_SIZE, each page reduced (`reduce`) before the next is asked for: the
 * process never holds thousands of full objects (or their JSON) at once, which is what kept the
 * live screen's memory high after its first LIST. `onPage` sees each reduced page as it arrives
 * (the screen can draw the first pods before the last page is in). All pages come from one
 * snapshot; its resourceVersion (the last page's) is where a watch continues.
 */
export async function listPages<T, R>(
  fetch: (continueToken: string | undefined) => Promise<Page<T>>,
  reduce: (items: readonly T[]) => R[],
  onPage?: (rows: readonly R[]) => void,
): Promise<ListResult<R>> {
  const items: R[] = [];
  let token: string | undefined;
  let resourceVersion: string | undefined;
  do {
    const page = await fetch(token);
    const rows = reduce(page.items);
    for (const row of rows) items.push(row);
    onPage?.(rows);
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    token = page.metadata?.continue || undefined;
  } while (token);
  return {items, metadata: resourceVersion === undefined ? {} : {resourceVersion}};
}

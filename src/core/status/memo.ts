/**
 * Remembers the last result of `fn` and returns it again while every argument is identical
 * (===). The store replaces only what changed, so one pod changing leaves the bucket summary,
 * the namespace join and the schedule maths untouched: that keeps a frame cheap at scale.
 */
export function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: {args: A; result: R} | undefined;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((value, index) => value === args[index]))
      return last.result;
    const result = fn(...args);
    last = {args, result};
    return result;
  };
}

/** Runs `run` over `items`, at most `limit` at once within each group, results in the order of `items`. */
export async function limitedPerGroup<T, R>(
  items: T[],
  groupOf: (item: T) => string,
  limit: number,
  run: (item: T) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  const groups = new Map<string, number[]>();
  for (const [i, item] of items.entries()) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), i]);
  const workers = [...groups.values()].flatMap((queue) =>
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) results[i] = await run(items[i] as T);
    }),
  );
  await Promise.all(workers);
  return results;
}

// A lookup by key over a list in the store's committed state, built once per committed list: the store replaces a
// part's list when it changes and never edits it in place, so the same list always gives the same map. A screen's
// hello then finds its device, and a request its session, without a scan of every record.
export function lookupBy<T, K>(keyOf: (item: T) => K): (items: readonly T[]) => ReadonlyMap<K, T> {
  let built: { items: readonly T[]; map: Map<K, T> } | null = null;
  return (items) => {
    if (built?.items !== items) built = { items, map: new Map(items.map((item) => [keyOf(item), item])) };
    return built.map;
  };
}

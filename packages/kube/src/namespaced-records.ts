/**
 * An informer's records by namespace, then name (cluster-scoped objects under ''). Two levels
 * rather than one map keyed `namespace/name`: the scrape path looks every pod up once a scrape,
 * and a lookup now builds and hashes no key string (100,000 concatenations a scrape at 100,000
 * pods), and the keys are the objects' own name strings, which the records hold anyway, instead
 * of a key string kept per record (≈ 4 MB at 100,000 pods).
 */
export class NamespacedRecords<T> {
  private readonly _byNamespace = new Map<string, Map<string, T>>();
  private _size = 0;

  get size(): number {
    return this._size;
  }

  get(namespace: string, name: string): T | undefined {
    return this._byNamespace.get(namespace)?.get(name);
  }

  has(namespace: string, name: string): boolean {
    return this._byNamespace.get(namespace)?.has(name) ?? false;
  }

  /** Stores the record; answers the one it replaced. */
  set(namespace: string, name: string, record: T): T | undefined {
    let names = this._byNamespace.get(namespace);
    if (names === undefined) {
      names = new Map();
      this._byNamespace.set(namespace, names);
    }
    const previous = names.get(name);
    names.set(name, record);
    if (previous === undefined) this._size++;
    return previous;
  }

  /** Removes the record; answers it (undefined when there was none). */
  delete(namespace: string, name: string): T | undefined {
    const names = this._byNamespace.get(namespace);
    const previous = names?.get(name);
    if (names === undefined || previous === undefined) return undefined;
    names.delete(name);
    if (names.size === 0) this._byNamespace.delete(namespace);
    this._size--;
    return previous;
  }

  *values(): IterableIterator<T> {
    for (const names of this._byNamespace.values()) yield* names.values();
  }

  /** Visits every record with its namespace and name. */
  forEach(visit: (record: T, namespace: string, name: string) => void): void {
    for (const [namespace, names] of this._byNamespace) {
      for (const [name, record] of names) visit(record, namespace, name);
    }
  }
}

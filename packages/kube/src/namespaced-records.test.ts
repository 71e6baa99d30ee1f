import { describe, expect, it } from '@jest/globals';
import { NamespacedRecords } from './namespaced-records.js';

describe('NamespacedRecords', () => {
  it('should keep one record per namespace and name, and count them', () => {
    const records = new NamespacedRecords<string>();
    expect(records.set('a', 'x', 'a/x v1')).toBeUndefined();
    expect(records.set('b', 'x', 'b/x')).toBeUndefined();
    expect(records.set('', 'x', 'cluster x')).toBeUndefined();
    expect(records.set('a', 'x', 'a/x v2')).toBe('a/x v1');
    expect(records.size).toBe(3);
    expect(records.get('a', 'x')).toBe('a/x v2');
    expect(records.get('b', 'x')).toBe('b/x');
    expect(records.get('', 'x')).toBe('cluster x');
    // A name that contains the old key's separator is not confused with another namespace.
    expect(records.get('a/x', '')).toBeUndefined();
    expect(records.has('b', 'y')).toBe(false);
  });

  it('should delete, answer what it removed, and visit what is left', () => {
    const records = new NamespacedRecords<number>();
    records.set('a', 'p1', 1);
    records.set('a', 'p2', 2);
    records.set('b', 'p1', 3);
    expect(records.delete('a', 'p1')).toBe(1);
    expect(records.delete('a', 'p1')).toBeUndefined();
    expect(records.delete('c', 'p1')).toBeUndefined();
    expect(records.delete('b', 'p1')).toBe(3);
    expect(records.size).toBe(1);
    const seen: string[] = [];
    records.forEach((record, namespace, name) => seen.push(`${namespace}/${name}=${record}`));
    expect(seen).toEqual(['a/p2=2']);
    expect([...records.values()]).toEqual([2]);
    records.set('b', 'p9', 9);
    expect([...records.values()].sort()).toEqual([2, 9]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { StringTable } from '@heapster/model';
import { IdentityStrings } from './identity-strings.js';
import { StringTranslation } from './string-translation.js';

describe('StringTranslation', () => {
  it('should translate through the store and cache across batches of one table', () => {
    const store = new IdentityStrings();
    const table = new StringTable();
    const web = table.intern('web');
    const translation = new StringTranslation(store);
    translation.begin(table);
    expect(translation.storeId(0)).toBe(0);
    expect(translation.storeId(web)).toBe(-1);
    const id = store.acquire('web');
    expect(translation.storeId(web)).toBe(-1); // unknown is cached for the batch…
    translation.begin(table);
    expect(translation.storeId(web)).toBe(id); // …and looked up again in the next one
  });

  it('should not trust a cached id whose string the store has let go', () => {
    const store = new IdentityStrings();
    const table = new StringTable();
    const a = table.intern('a');
    const b = table.intern('b');
    const translation = new StringTranslation(store);
    const idA = store.acquire('a');
    translation.begin(table);
    expect(translation.storeId(a)).toBe(idA);
    store.release(idA);
    const idB = store.acquire('b'); // reuses the freed id
    expect(idB).toBe(idA);
    translation.begin(table);
    expect(translation.storeId(a)).toBe(-1);
    expect(translation.storeId(b)).toBe(idB);
  });

  it('should start over for another table and follow a growing one', () => {
    const store = new IdentityStrings();
    const first = new StringTable();
    const translation = new StringTranslation(store);
    const id = store.acquire('x');
    translation.begin(first);
    const late = first.intern('x');
    translation.begin(first); // the table grew since the last batch
    expect(translation.storeId(late)).toBe(id);
    const second = new StringTable();
    second.intern('pad');
    const x = second.intern('x');
    translation.begin(second);
    expect(translation.storeId(x)).toBe(id);
  });
});

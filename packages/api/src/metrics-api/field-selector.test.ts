import { describe, expect, it } from '@jest/globals';
import { FieldSelector } from './field-selector.js';
import { SelectorError } from './label-selector.js';

describe('FieldSelector', () => {
  it('selects by metadata.name and metadata.namespace', () => {
    const s = FieldSelector.parse('metadata.name=web-0,metadata.namespace!=kube-system');
    expect(s.matches('web-0', 'default')).toBe(true);
    expect(s.matches('web-0', 'kube-system')).toBe(false);
    expect(s.matches('web-1', 'default')).toBe(false);
    expect(s.pinned('metadata.name')).toBe('web-0');
    expect(s.pinned('metadata.namespace')).toBeUndefined();
    expect(FieldSelector.parse('metadata.name==x').pinned('metadata.name')).toBe('x');
  });

  it('unescapes values and splits on unescaped commas only', () => {
    const s = FieldSelector.parse('metadata.name=a\\,b\\=c\\\\');
    expect(s.matches('a,b=c\\', '')).toBe(true);
    expect(FieldSelector.parse(',,').empty).toBe(true);
  });

  it.each([
    ['spec.nodeName=n1', /field label not supported: "spec.nodeName"/],
    ['metadata.name', /can't understand "metadata.name"/],
    ['metadata.name=a\\b', /invalid escape sequence/],
  ])('refuses %j', (selector, message) => {
    expect(() => FieldSelector.parse(selector)).toThrow(SelectorError);
    expect(() => FieldSelector.parse(selector)).toThrow(message);
  });
});

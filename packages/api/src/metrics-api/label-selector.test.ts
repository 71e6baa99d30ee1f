import { describe, expect, it } from '@jest/globals';
import { LabelSelector, SelectorError } from './label-selector.js';

const labels = { app: 'web', tier: 'front', 'example.com/team': 'a', replicas: '3' };
const matches = (selector: string, target: Record<string, string> = labels): boolean =>
  LabelSelector.parse(selector).matches(target);

describe('LabelSelector', () => {
  it('supports every operator with apimachinery semantics', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web')).toBe(true);
    expect(matches('app=db')).toBe(false);
    expect(matches('app!=db')).toBe(true);
    expect(matches('missing!=x')).toBe(true); // != matches objects without the key
    expect(matches('app in (db, web)')).toBe(true);
    expect(matches('app notin (web)')).toBe(false);
    expect(matches('missing notin (web)')).toBe(true);
    expect(matches('tier')).toBe(true);
    expect(matches('!tier')).toBe(false);
    expect(matches('!missing')).toBe(true);
    expect(matches('replicas>2')).toBe(true);
    expect(matches('replicas<3')).toBe(false);
    expect(matches('app>2')).toBe(false); // not an integer label value
    expect(matches('example.com/team=a,app=web , tier')).toBe(true);
    expect(matches('example.com/team=a,app=db')).toBe(false);
    expect(matches('app=')).toBe(false);
    expect(matches('app=', { app: '' })).toBe(true);
    expect(matches('app in (web,)', { app: '' })).toBe(true);
  });

  it('treats an empty selector as everything', () => {
    expect(LabelSelector.parse('').empty).toBe(true);
    expect(LabelSelector.parse('  ').matches({})).toBe(true);
  });

  it.each([
    ['app in (web', /expected "," or "\)"/],
    ['app in ()', /must not be empty/],
    ['a b', /found "b", expected one of: in, notin/],
    ['=x', /expected a label key/],
    ['app=web,', /expected a label key/],
    ['-app=x', /invalid label key "-app"/],
    ['Bad_Prefix.COM/x=1', /prefix part/],
    [`${'k'.repeat(64)}=1`, /name part/],
    ['app=w e', /expected "," or end/],
    ['app=-web', /invalid label value "-web"/],
    ['replicas>x', /must be an integer/],
    ['app ~ x', /found "~"|expected one of/],
    ['app=(x)', /expected "," or end|label value/],
  ])('refuses %j', (selector, message) => {
    expect(() => LabelSelector.parse(selector)).toThrow(SelectorError);
    expect(() => LabelSelector.parse(selector)).toThrow(message);
  });
});

import { describe, expect, it } from '@jest/globals';
import { LabelSelector, SelectorParseError } from './label-selector.js';

const labels = { app: 'web', tier: 'frontend', 'example.com/team': 'a', replicas: '3' };

describe('LabelSelector.parse + matches', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', labels, true],
    ['app=web', labels, true],
    ['app==web', labels, true],
    ['app=db', labels, false],
    ['app!=db', labels, true],
    ['app!=web', labels, false],
    ['missing!=x', labels, true], // != matches objects without the key
    ['app in (web,db)', labels, true],
    ['app in (db)', labels, false],
    ['app notin (db,cache)', labels, true],
    ['app notin (web)', labels, false],
    ['missing notin (x)', labels, true],
    ['app', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!app', labels, false],
    ['example.com/team=a', labels, true],
    ['app=web,tier=frontend', labels, true],
    ['app=web,tier=backend', labels, false],
    ['  app = web , tier in ( frontend ) ', labels, true],
    ['replicas>2', labels, true],
    ['replicas<3', labels, false],
    ['app=', { app: '' }, true],
    ['app in (,web)', { app: '' }, true],
    ['app in (in,notin)', { app: 'notin' }, true],
    ['app=web', undefined, false],
    ['!app', undefined, true],
  ];
  it.each(cases)('%j on %j → %s', (selector, target, expected) => {
    expect(LabelSelector.parse(selector).matches(target)).toBe(expected);
  });

  it('sorts requirements by key, as labels.Parse does', () => {
    expect(LabelSelector.parse('b=1,a in (y,x)').requirements).toEqual([
      { key: 'a', operator: 'in', values: ['x', 'y'] },
      { key: 'b', operator: '=', values: ['1'] },
    ]);
  });
});

describe('LabelSelector.parse errors (apimachinery messages)', () => {
  const cases: [string, string][] = [
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in a', "unable to parse requirement: found 'a' expected: '('"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['app=web tier=x', "found 'tier', expected: ',' or 'end of string'"],
    ['app foo', "unable to parse requirement: found 'foo', expected: in, notin, =, ==, !=, gt, lt"],
    ['!app=web', "found '=', expected: ',' or 'end of string'"],
    [
      'app>x',
      "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    [
      'bad key!=x',
      "unable to parse requirement: found 'key', expected: in, notin, =, ==, !=, gt, lt",
    ],
  ];
  it.each(cases)('%j → %s', (selector, message) => {
    expect(() => LabelSelector.parse(selector)).toThrow(new SelectorParseError(message));
  });

  it('rejects invalid keys and values with the validation text', () => {
    expect(() => LabelSelector.parse('-app=x')).toThrow(
      /^unable to parse requirement: invalid label key "-app": name part must consist of alphanumeric characters/,
    );
    expect(() => LabelSelector.parse('app=-x')).toThrow(
      /^unable to parse requirement: invalid label value: "-x": at key: "app": a valid label must be an empty string or consist of/,
    );
    expect(() => LabelSelector.parse(`app=${'x'.repeat(64)}`)).toThrow(
      /must be no more than 63 characters/,
    );
    expect(() => LabelSelector.parse('Example.com/app=x')).toThrow(
      /prefix part a lowercase RFC 1123 subdomain/,
    );
  });
});

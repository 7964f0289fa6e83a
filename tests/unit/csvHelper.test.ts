import { describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv';

describe('the test CSV parser', () => {
  it.each<[string, string, string[][]]>([
    ['bare fields', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['quoted fields with commas, quotes and line breaks', '"a,1","say ""hi""","x\r\ny"\r\n', [['a,1', 'say "hi"', 'x\r\ny']]],
    ['empty fields and no final line end', '"",,x', [['', '', 'x']]],
  ])('reads %s', (_case, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it.each([['a bare line feed', 'a\nb'], ['a stray quote', 'a"b'], ['an unterminated quote', '"abc']])('refuses %s', (_case, text) => {
    expect(() => parseCsv(text)).toThrow(/CSV/);
  });
});

import { describe, expect, it } from 'vitest';
import { asDa, asPatientSex, asTm, formatDaUtc, formatDs, formatTmUtc, isValidUid, randomUid } from '../../viewer/export/sr/dicomValues';

describe('formatDs', () => {
  it.each<[number, string]>([
    [0.1 + 0.2, '0.3'],
    [25.7, '25.7'],
    [-0, '0'],
    [0, '0'],
    [14.57421619812345, '14.5742161981'],
    [123456.123456789, '123456.123456789'],
    [-6.28473585, '-6.28473585'],
    [1e-12, '0'],
    [12345678901234568, '1.23456789e+16'],
  ])('writes %s as "%s" (at most 16 characters)', (value, text) => {
    expect(formatDs(value)).toBe(text);
    expect(formatDs(value).length).toBeLessThanOrEqual(16);
  });

  it('refuses a number that is not finite', () => {
    expect(() => formatDs(Number.NaN)).toThrow(RangeError);
  });
});

describe('isValidUid', () => {
  it.each<[unknown, boolean]>([
    ['1.2.840.10008.5.1.4.1.1.88.34', true],
    ['2.25.28246821990588454851129852454297322605', true],
    ['1.02.3', false],
    ['1', false],
    ['1..2', false],
    ['1.2.', false],
    ['', false],
    [`1.${'2'.repeat(63)}`, false],
    [undefined, false],
  ])('%s is %s', (value, valid) => {
    expect(isValidUid(value)).toBe(valid);
  });

  it('accepts every random UID', () => {
    for (let i = 0; i < 100; i += 1) expect(isValidUid(randomUid())).toBe(true);
  });
});

describe('copied study values', () => {
  it.each<[string, string]>([
    ['19480312', '19480312'],
    ['1948-03-12', '19480312'],
    ['1948.03.12', '19480312'],
    ['', ''],
    ['12/03/1948x', ''],
    ['194803', ''],
  ])('date "%s" is written "%s"', (value, da) => expect(asDa(value)).toBe(da));

  it.each<[string, string]>([
    ['093000', '093000'],
    ['09:30:00', '093000'],
    ['093000.123456', '093000.123456'],
    ['0930', '0930'],
    ['9:30', ''],
    ['noon', ''],
  ])('time "%s" is written "%s"', (value, tm) => expect(asTm(value)).toBe(tm));

  it.each<[string, string]>([
    ['F', 'F'],
    ['m', 'M'],
    ['O', 'O'],
    ['X', ''],
    ['female', ''],
  ])('sex "%s" is written "%s"', (value, cs) => expect(asPatientSex(value)).toBe(cs));

  it('writes content date and time in UTC', () => {
    const at = new Date(Date.UTC(2024, 11, 31, 23, 59, 58));
    expect([formatDaUtc(at), formatTmUtc(at)]).toEqual(['20241231', '235958']);
  });
});

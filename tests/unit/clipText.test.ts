import { describe, expect, it } from 'vitest';
import { clipText, DISPLAY_TEXT_MAX_CHARS, personNameText } from '../../viewer/loading/clipText';

describe('clipText', () => {
  it.each([
    ['', 10, ''],
    ['Smith^John', 10, 'Smith^John'],
    ['Smith^Johnathan', 10, 'Smith^Joh…'],
    ['山田^太郎=やまだ^たろう', 6, '山田^太郎…'],
    ['😀😀😀😀', 3, '😀😀…'],
    ['abc', 1, '…'],
  ])('shows %j within %i characters as %j', (text, max, shown) => {
    expect(clipText(text, max)).toBe(shown);
    expect(Array.from(clipText(text, max)).length).toBeLessThanOrEqual(max);
  });

  it(`cuts a 100 KB name to ${DISPLAY_TEXT_MAX_CHARS} characters by default`, () => {
    const shown = clipText('A'.repeat(100_000));
    expect(shown).toHaveLength(DISPLAY_TEXT_MAX_CHARS);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('personNameText', () => {
  it.each([
    ['Yamada^Tarou', 'Yamada Tarou'],
    ['Wang^XiaoDong=王^小東=', 'Wang XiaoDong=王 小東='],
    ['^^^', ''],
  ])('shows %j as %j', (name, shown) => {
    expect(personNameText(name)).toBe(shown);
  });
});

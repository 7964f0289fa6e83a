import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from './results';

const success = { ok: true, value: 42 } as const;
const failure = { ok: false, error: { code: 'EMPTY_SPINE', message: 'No vertebra has been measured yet.' } } as const;

describe('expectOk', () => {
  it('returns the value of a success', () => {
    expect(expectOk(success)).toBe(42);
  });

  it('fails the test with the code and message of a failure', () => {
    expect(() => expectOk(failure)).toThrow('expected success, got EMPTY_SPINE: No vertebra has been measured yet.');
  });
});

describe('expectError', () => {
  it('returns the message of a failure with the expected code', () => {
    expect(expectError(failure, 'EMPTY_SPINE')).toBe('No vertebra has been measured yet.');
  });

  it('fails the test on a success or on another code', () => {
    expect(() => expectError(success, 'EMPTY_SPINE')).toThrow('expected EMPTY_SPINE, got success: 42');
    expect(() => expectError(failure, 'DUPLICATE_LEVEL')).toThrow();
  });
});

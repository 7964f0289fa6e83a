import { expect } from 'vitest';

/** The shape of measurement's Result, restated structurally (ESLint forbids '../' imports from this folder). */
type AnyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** Asserts that `result` succeeded and returns its value; on failure the test reports the error code and message. */
export function expectOk<T>(result: AnyResult<T>): T {
  if (!result.ok) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Asserts that `result` failed with `code` and a non-empty message; returns the message for further checks. */
export function expectError<T>(result: AnyResult<T>, code: string): string {
  if (result.ok) expect.fail(`expected ${code}, got success: ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error.message;
}

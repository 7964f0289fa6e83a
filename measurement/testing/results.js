import { expect } from 'vitest';
/** Asserts that `result` succeeded and returns its value; on failure the test reports the error code and message. */
export function expectOk(result) {
    if (!result.ok)
        expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
    return result.value;
}
/** Asserts that `result` failed with `code` and a non-empty message; returns the message for further checks. */
export function expectError(result, code) {
    if (result.ok)
        expect.fail(`expected ${code}, got success: ${JSON.stringify(result.value)}`);
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(0);
    return result.error.message;
}
/** The element at `index` of a fixture list; the test fails, naming the index, when there is none. */
export function at(list, index) {
    const item = list[index];
    if (item === undefined)
        expect.fail(`expected an element at index ${index} of a list of ${list.length}`);
    return item;
}

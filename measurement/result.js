/** Wraps a value as a successful Result. */
export function ok(value) {
    return { ok: true, value };
}
/** Wraps an error code and a clinician-readable message as a failed Result. */
export function err(code, message) {
    return { ok: false, error: { code, message } };
}
/** The same failure with `prefix` put before its message (e.g. 'L1: '), keeping the code. */
export function withMessagePrefix(error, prefix) {
    return err(error.code, `${prefix}${error.message}`);
}

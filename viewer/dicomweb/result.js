/** Wraps a value as a successful Result. */
export function ok(value) {
    return { ok: true, value };
}
/** Wraps a DicomWebError as a failed Result. */
export function fail(error) {
    return { ok: false, error };
}

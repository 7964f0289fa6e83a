/** Wraps an error code and a clinician-readable message as a failed SrResult. */
export function srError(code, message) {
    return { ok: false, error: { code, message } };
}

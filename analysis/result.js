/** Wraps a value as a successful AnalysisResult. */
export function ok(value) {
    return { ok: true, value };
}
/** Wraps an error code and a clinician-readable message as a failed AnalysisResult. */
export function fail(code, message) {
    return { ok: false, error: { code, message } };
}

/** A readable reason from whatever an image loader or decoder threw or reported. */
export function imageErrorText(detail: unknown): string {
  if (detail instanceof Error) return detail.message;
  // Some wasm decoders throw a bare number (an internal error code or pointer).
  if (typeof detail === 'number') return `the compressed pixel data is corrupt or uses an unsupported variant (decoder code ${detail})`;
  if (typeof detail === 'object' && detail !== null) {
    const inner = (detail as { error?: unknown; message?: unknown }).error ?? (detail as { message?: unknown }).message;
    if (inner !== undefined) return imageErrorText(inner);
  }
  return String(detail);
}

/**
 * The longest the entry holds back the viewer's code for its early requests, ms: two DICOMweb index round trips (the
 * series search, then the instance searches) at the slowest this project has measured them on a loaded Orthanc,
 * 0.5 s each (README, issue 16, sixth round: 40–500 ms). A server slower than that is not waited for: its answers would
 * come after the viewer's code has run anyway, and a server that never answers must not keep the viewer from starting.
 */
export const EARLY_REQUESTS_MAX_WAIT_MS = 1000;

/**
 * Settles once every one of `requestsSent` has settled (the entry's requests that wait on an answer are out), or after
 * `maxWaitMs`, whichever comes first; never rejects. The entry starts evaluating the viewer's 5.4 MB code only then:
 * that evaluation holds the main thread for 0.3–2.5 s, and a follow-up request whose answer arrives meanwhile (the
 * guessed middle slice's frame and metadata) would wait for it (README, issue 16, eighth round).
 */
export function afterEarlyRequests(requestsSent: ReadonlyArray<Promise<unknown>>, maxWaitMs = EARLY_REQUESTS_MAX_WAIT_MS): Promise<void> {
  if (requestsSent.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    void Promise.allSettled(requestsSent).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

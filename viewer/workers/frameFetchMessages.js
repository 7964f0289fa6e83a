/** Messages between the page (loading/frameReadAhead.ts) and the frame fetch worker (frameFetchWorker.ts). */
export {};

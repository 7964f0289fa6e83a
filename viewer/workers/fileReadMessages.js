/** Messages between the page (loading/fileBytes.ts) and the file read worker (fileReadWorker.ts). */
export {};

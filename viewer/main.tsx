import './shell/app.css';
import { configFromUrl, prefetchStudy, studyUidsFromUrl } from './dicomweb';
import { confirmedEarlySlice, peekEarlyFrame, prefetchMiddleFrame } from './loading/earlyFrame';
import { markStartup } from './loading/startupMark';
import { startFrameFetchWorker } from './loading/frameReadAhead';
import { compositorStarted } from './loading/firstFrame';
import { drawEntryImage } from './cornerstone/entryImage';
import { entryFrame } from './shell/entryFrame';

markStartup('entry');

/**
 * Draws the middle slice established early as soon as it and its frame are in (and, for a compressed frame, its
 * codec), where the axial view will be, before the viewer's code has loaded (cornerstone/entryImage.ts says which
 * slices it can draw; the others wait for it).
 */
async function showEntryImage(): Promise<void> {
  const slice = await confirmedEarlySlice();
  if (slice === null) return;
  const frame = await peekEarlyFrame(slice.frameUrl);
  const root = document.getElementById('root');
  if (frame === null || root === null) return;
  await drawEntryImage(slice, frame, () => entryFrame(root));
}

/**
 * Longest the viewer's code waits to be evaluated while the entry chunk establishes and draws the first image, ms,
 * counted from the page's first animation frame (loading/firstFrame.ts). Evaluating the boot chunk (5.5 MB when
 * measured; its size today is in the README) held the page's main thread for 0.4–2.4 s (more on a loaded machine); a
 * frame arriving meanwhile could only be drawn after it, and by then the viewer's own path draws it. Its download
 * starts with the page (modulepreload) and is not held; a server slower than this does not hold the viewer either.
 * Counted from the first frame because until then the main thread may be held by the browser itself (traced: 3.1 s in
 * the previous page's compositor shut-down, waiting for the GPU process), and a bound counted from navigation expired
 * before the entry's answers could be read.
 */
const ENTRY_IMAGE_WAIT_MS = 3_000;

// The entry is kept small: a study named in the address (`?dicomweb=…&StudyInstanceUIDs=…`) is searched and its
// metadata downloaded while the viewer's code (cornerstone, React, the panels) loads and starts; the middle slice of
// the series it opens on is requested as soon as that series' metadata is in, for the first image.
let entryImage: Promise<void> = Promise.resolve();
const config = configFromUrl(window.location.search);
if (config) {
  startFrameFetchWorker();
  const studyUids = studyUidsFromUrl(window.location.search);
  for (const uid of studyUids) {
    // The middle slice is established ahead of the series metadata only when one study is named: with several, the
    // series shown first is not known here.
    const prefetched = prefetchStudy(config, uid).then((series) => {
      void prefetchMiddleFrame(config, uid, series, { establish: studyUids.length === 1 });
    });
    if (studyUids.length === 1) entryImage = prefetched.then(showEntryImage);
  }
}

// The viewer's code runs once the entry chunk has drawn the first image or knows it cannot, or after the wait.
const entryWaitOver = compositorStarted().then(() => new Promise((resolve) => setTimeout(resolve, ENTRY_IMAGE_WAIT_MS)));
void Promise.race([entryImage.catch(() => undefined), entryWaitOver])
  .then(() => import('./boot'))
  .then(({ boot }) => {
    markStartup('boot-loaded');
    boot();
    markStartup('boot-run');
  })
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `The viewer could not load its code (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
  });

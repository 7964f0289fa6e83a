import './shell/app.css';
import { configFromUrl, prefetchStudy, studyUidsFromUrl } from './dicomweb';
import { confirmedEarlySlice, peekEarlyFrame, prefetchMiddleFrame } from './loading/earlyFrame';
import { markStartup } from './loading/startupMark';
import { drawEntryImage } from './cornerstone/entryImage';
import { entryFrame } from './shell/entryFrame';

markStartup('entry');

/**
 * Draws the middle slice established early as soon as it and its frame are in, where the axial view will be, before
 * the viewer's code has loaded (cornerstone/entryImage.ts says which slices it can draw; the others wait for it).
 */
async function showEntryImage(): Promise<void> {
  const slice = await confirmedEarlySlice();
  if (slice === null) return;
  const frame = await peekEarlyFrame(slice.frameUrl);
  const root = document.getElementById('root');
  if (frame === null || root === null) return;
  drawEntryImage(slice, frame, () => entryFrame(root));
}

// The entry is kept small: a study named in the address (`?dicomweb=…&StudyInstanceUIDs=…`) is searched and its
// metadata downloaded while the viewer's code (cornerstone, React, the panels) loads and starts; the middle slice of
// the series it opens on is requested as soon as that series' metadata is in, for the first image.
const config = configFromUrl(window.location.search);
if (config) {
  const studyUids = studyUidsFromUrl(window.location.search);
  for (const uid of studyUids) {
    // The middle slice is established ahead of the series metadata only when one study is named: with several, the
    // series shown first is not known here.
    void prefetchStudy(config, uid).then((series) => {
      const prefetched = prefetchMiddleFrame(config, uid, series, { establish: studyUids.length === 1 });
      if (studyUids.length === 1) void showEntryImage();
      return prefetched;
    });
  }
}

import('./boot')
  .then(({ boot }) => {
    markStartup('boot-loaded');
    boot();
    markStartup('boot-run');
  })
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `The viewer could not load its code (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
  });

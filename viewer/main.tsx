import { configFromUrl, prefetchStudy, studyUidsFromUrl } from './dicomweb';
import { prefetchMiddleFrame } from './loading/earlyFrame';
import { markStartup } from './loading/startupMark';

markStartup('entry');

// The entry is kept small: a study named in the address (`?dicomweb=…&StudyInstanceUIDs=…`) is searched and its
// metadata downloaded while the viewer's code (cornerstone, React, the panels) loads and starts; the middle slice of
// the series it opens on is requested as soon as that series' metadata is in, for the first image.
const config = configFromUrl(window.location.search);
if (config) {
  const studyUids = studyUidsFromUrl(window.location.search);
  for (const uid of studyUids) {
    // The middle slice is established ahead of the series metadata only when one study is named: with several, the
    // series shown first is not known here.
    void prefetchStudy(config, uid).then((series) => prefetchMiddleFrame(config, uid, series, { establish: studyUids.length === 1 }));
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

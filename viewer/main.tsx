import { configFromUrl, prefetchStudy, studyUidsFromUrl } from './dicomweb';
import { afterEarlyRequests } from './loading/bootGate';
import { startMiddleFramePrefetch } from './loading/earlyFrame';
import { markStartup } from './loading/startupMark';

markStartup('entry');

// The entry is kept small: a study named in the address (`?dicomweb=…&StudyInstanceUIDs=…`) is searched and its
// metadata downloaded while the viewer's code (cornerstone, React, the panels) loads and starts; the middle slice of
// the series it opens on is requested as soon as that series' metadata is in, for the first image.
const config = configFromUrl(window.location.search);
const earlyRequestsSent: Array<Promise<unknown>> = [];
if (config) {
  const studyUids = studyUidsFromUrl(window.location.search);
  for (const uid of studyUids) {
    // The middle slice is established ahead of the series metadata only when one study is named: with several, the
    // series shown first is not known here.
    const prefetch = prefetchStudy(config, uid).then((series) => startMiddleFramePrefetch(config, uid, series, { establish: studyUids.length === 1 }));
    earlyRequestsSent.push(prefetch.then(({ requestsSent }) => requestsSent));
  }
}

// The viewer's code is downloaded from the start (the page preloads it) but evaluated once the early requests that
// wait on an answer are out (or a bound has passed): its evaluation holds the main thread for a second or more.
afterEarlyRequests(earlyRequestsSent)
  .then(() => {
    markStartup('boot-import');
    return import('./boot');
  })
  .then(({ boot }) => {
    markStartup('boot-loaded');
    boot();
    markStartup('boot-run');
  })
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `The viewer could not load its code (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
  });

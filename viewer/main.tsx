import { configFromUrl, prefetchStudy, studyUidsFromUrl } from './dicomweb';

// The entry is kept small: a study named in the address (`?dicomweb=…&StudyInstanceUIDs=…`) is searched and its
// metadata downloaded while the viewer's code (cornerstone, React, the panels) loads and starts.
const config = configFromUrl(window.location.search);
if (config) for (const uid of studyUidsFromUrl(window.location.search)) void prefetchStudy(config, uid);

import('./boot')
  .then(({ boot }) => boot())
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `The viewer could not load its code (${error instanceof Error ? error.message : String(error)}). Reload the page.`;
  });

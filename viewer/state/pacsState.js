/** Studies per page of the study list; the PACS is asked for one page at a time. */
export const PACS_PAGE_SIZE = 25;
export const INITIAL_PACS = {
    config: null,
    query: {},
    results: null,
    page: 0,
    sort: { key: 'studyDate', ascending: false },
    busy: null,
    error: null,
    settingsOpen: false,
    latestReports: {},
};

/** Measurements restored from the browser store for one study, until the user dismisses or discards them. */
export interface RestoredNotice {
  studyKey: string;
  ids: string[];
}

import type { DicomWebConfig, DicomWebError, StudyQuery, StudySummary } from '../dicomweb';

/** Studies per page of the study list; the PACS is asked for one page at a time. */
export const PACS_PAGE_SIZE = 25;

/** A stored measurement report: what a new save names as its predecessor (it never overwrites it). */
export interface SrReference {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
}

export interface PacsState {
  config: DicomWebConfig | null;
  query: StudyQuery;
  results: StudySummary[] | null;
  page: number;
  sort: { key: 'patientName' | 'patientId' | 'studyDate' | 'studyDescription' | 'modalities'; ascending: boolean };
  busy: string | null;
  error: { message: string; kind: DicomWebError['kind'] | 'other'; canRetry: boolean } | null;
  /** The settings form is open (e.g. after a 401). */
  settingsOpen: boolean;
  /** The newest measurement report in the PACS per study, once looked up or saved. */
  latestReports: Record<string, SrReference>;
}

export const INITIAL_PACS: PacsState = {
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


import type { DicomWebAuth, StudyQuery } from '../dicomweb';
import type { PacsState } from '../state/pacsState';

/** What the PACS panel (with its search and settings forms) asks the app to do. */
export interface PacsCommands {
  connectPacs(root: string, auth: DicomWebAuth): void;
  searchPacs(query: StudyQuery, page: number): Promise<void>;
  sortPacs(key: PacsState['sort']['key']): void;
  openPacsStudy(studyInstanceUID: string): Promise<void>;
  retryPacs(): Promise<void>;
}

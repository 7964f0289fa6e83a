/** Files read so far of a load in progress, for the progress bar. */
export interface LoadProgress {
  filesRead: number;
  filesTotal: number;
  label: string;
}

/** Import/export outcome for the user: what happened, and what was refused and why. */
export interface TransferNotice {
  kind: 'info' | 'error';
  text: string;
  details: string[];
}

import { setState } from '../state/store';
import type { TransferNotice } from '../state/transferNotice';

/** Shows the outcome of an export or import in the notice bar. */
export function notify(notice: TransferNotice): void {
  setState({ transferNotice: notice });
}

import { setState } from '../state/store';
/** Shows the outcome of an export or import in the notice bar. */
export function notify(notice) {
    setState({ transferNotice: notice });
}

import { openSample } from '../actions/openStudy';

export function StartScreen() {
  return (
    <div className="start">
      <h1>Vertebral height measurement</h1>
      <p>Open a CT or MR series of the spine: use <b>Files</b> or <b>Folder</b> in the study browser on the left, or drop files or folders anywhere on this page. Files are read in this browser only; nothing is uploaded.</p>
      <p>
        <button type="button" onClick={() => void openSample(['baseline'])}>Open sample study (baseline CT + sagittal MR)</button>{' '}
        <button type="button" onClick={() => void openSample(['post'])}>Open post-kyphoplasty sample</button>{' '}
        <button type="button" onClick={() => void openSample(['radiograph'])}>Open sample radiograph</button>
      </p>
    </div>
  );
}

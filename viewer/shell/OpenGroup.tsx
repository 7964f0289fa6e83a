import type { ChangeEvent } from 'react';
import { Files, FlaskConical, FolderOpen } from 'lucide-react';
import { openFiles, openSample } from '../actions/openStudy';
import { ToolButton } from './ToolButton';

/** Files from a file or folder input; the input is cleared so that the same files can be chosen again. */
function openChosenFiles(event: ChangeEvent<HTMLInputElement>): void {
  const files = [...(event.target.files ?? [])];
  event.target.value = '';
  void openFiles(files);
}

/** Opening studies: files, a folder, the sample studies (the head of the study browser). */
export function OpenGroup() {
  return (
    <div className="open-group" role="group" aria-label="Open studies">
      <label className="button tool__button tool__button--text" title="Open DICOM files (any number)">
        <Files aria-hidden="true" size={18} />
        <span className="tool__text">Files</span>
        <input type="file" multiple aria-label="Open DICOM files" data-testid="open-files" onChange={openChosenFiles} />
      </label>
      <label className="button tool__button tool__button--text" title="Open a folder of DICOM files">
        <FolderOpen aria-hidden="true" size={18} />
        <span className="tool__text">Folder</span>
        <input
          // React has no prop for it: the attribute makes the picker choose a whole folder.
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          type="file"
          multiple
          aria-label="Open a folder of DICOM files"
          data-testid="open-folder"
          onChange={openChosenFiles}
        />
      </label>
      <ToolButton testId="open-sample" icon={FlaskConical} label="Open sample study" text="Sample" onClick={() => void openSample(['baseline'])} />
      <select
        aria-label="Other sample studies"
        data-testid="open-sample-other"
        value=""
        onChange={(e) => {
          const key = e.target.value;
          if (key) void openSample(key === 'all' ? ['baseline', 'post', 'radiograph'] : [key]);
        }}
      >
        <option value="">more samples…</option>
        <option value="post">post-kyphoplasty CT</option>
        <option value="radiograph">lateral radiograph (uncalibrated)</option>
        <option value="all">all sample studies</option>
      </select>
    </div>
  );
}

import { wadouri } from '@cornerstonejs/dicom-image-loader';
import type { FileProblem } from './instanceMeta';
import type { LoadedInstance } from './grouping';
import { parseInstance } from './parseInstance';

export interface ReadProgress {
  filesRead: number;
  filesTotal: number;
}

export interface ReadResult {
  instances: LoadedInstance[];
  problems: FileProblem[];
}

/** Files arrive in batches so the series list fills while a large folder is still being read. */
const BATCH_SIZE = 24;

function displayName(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** Image ids for each frame: `dicomfile:N` for one frame, `dicomfile:N&frame=K` (1-based) for multi-frame. */
function imageIdsFor(baseImageId: string, frameCount: number): string[] {
  if (frameCount <= 1) return [baseImageId];
  return Array.from({ length: frameCount }, (_, i) => `${baseImageId}&frame=${i + 1}`);
}

/**
 * Reads local files in the browser (nothing leaves the machine), parses each one and registers the usable ones with
 * the image loader. A bad file becomes a problem with its name; it never stops the others.
 */
export async function readLocalFiles(
  files: readonly File[],
  onBatch: (batch: ReadResult, progress: ReadProgress) => void,
): Promise<void> {
  let batch: ReadResult = { instances: [], problems: [] };
  for (const [i, file] of files.entries()) {
    const name = displayName(file);
    try {
      const buffer = await file.arrayBuffer();
      const outcome = parseInstance(name, new Uint8Array(buffer));
      if (!outcome.ok) {
        batch.problems.push({ fileName: name, message: outcome.message, severity: 'error' });
      } else {
        // fileManager.add gives the image id itself ("dicomfile:N"); the loader's cache key is the part after the scheme.
        const baseImageId = wadouri.fileManager.add(file);
        const uri = baseImageId.slice(baseImageId.indexOf(':') + 1);
        // The loader sorts slices and reads geometry from cached datasets: register each file before any volume is
        // built, handing over the bytes already read so the file is not read twice.
        await wadouri.dataSetCacheManager.load(uri, () => Promise.resolve(buffer), baseImageId);
        batch.instances.push({
          meta: outcome.meta,
          imageIds: outcome.meta.kind === 'image' ? imageIdsFor(baseImageId, outcome.meta.numberOfFrames) : [],
          ...(outcome.meta.kind === 'sr' ? { srBytes: new Uint8Array(buffer) } : {}),
        });
        for (const warning of outcome.warnings) batch.problems.push({ fileName: name, message: warning, severity: 'warning' });
      }
    } catch (error) {
      batch.problems.push({ fileName: name, message: `could not be read: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' });
    }
    const done = i + 1;
    if (done % BATCH_SIZE === 0 || done === files.length) {
      onBatch(batch, { filesRead: done, filesTotal: files.length });
      batch = { instances: [], problems: [] };
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}

/** Every file under the dropped items, folders included (recursively). */
export async function filesFromDataTransfer(dataTransfer: DataTransfer): Promise<File[]> {
  const entries = [...dataTransfer.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  if (entries.length === 0) return [...dataTransfer.files];
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call: read until it returns none.
      for (;;) {
        const children = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (children.length === 0) break;
        for (const child of children) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

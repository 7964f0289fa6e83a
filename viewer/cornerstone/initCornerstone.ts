import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { VertebralHeightTool } from '../tools/VertebralHeightTool';
import { installMeasurementBridge } from './measurementBridge';

declare global {
  interface Window {
    cornerstone: typeof cornerstone;
    cornerstoneTools: typeof cornerstoneTools;
  }
}

let ready: Promise<void> | null = null;

/** Initialises cornerstone once: rendering, the DICOM loader with its decode workers, and the tools we use. */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    await cornerstone.init();
    // The dataset-cache metadata provider: local files register their parsed datasets (see loading/localFiles.ts).
    initDicomImageLoader({ useLegacyMetadataProvider: true, maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) });
    cornerstoneTools.init();
    const { addTool } = cornerstoneTools;
    for (const tool of [
      cornerstoneTools.WindowLevelTool,
      cornerstoneTools.PanTool,
      cornerstoneTools.ZoomTool,
      cornerstoneTools.StackScrollTool,
      cornerstoneTools.CrosshairsTool,
      VertebralHeightTool,
    ]) {
      addTool(tool);
    }
    installMeasurementBridge();
    // Scripted QA reaches the same instances the app uses, as in OHIF.
    window.cornerstone = cornerstone;
    window.cornerstoneTools = cornerstoneTools;
  })();
  return ready;
}

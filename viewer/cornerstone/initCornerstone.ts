import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { VertebralHeightTool } from '../tools/VertebralHeightTool';
import { ForeignAnnotationTool } from '../tools/ForeignAnnotationTool';
import { installMeasurementBridge } from './measurementBridge';
import { registerContainedImageLoader } from './containedImageLoader';
import { installDecodeGuard } from './decodeGuard';
import { decodeWorkerCount } from './decodeWorkers';
import { installRenderRecovery } from './renderRecovery';
import { limitRequestsInFlight } from './retrieveOrder';
import { installMetadataMemo } from './metadataMemo';
import { installEnhancedFrameMetadata } from './enhancedFrameMetadata';
import { registerWadorsFrameLoader } from './wadorsFrameLoader';
import { probeNorm16LinearOnce } from './norm16Probe';

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
    probeNorm16LinearOnce();
    // The dataset-cache metadata provider: local files register their parsed datasets (see loading/localFiles.ts).
    initDicomImageLoader({ useLegacyMetadataProvider: true, maxWebWorkers: decodeWorkerCount(navigator.hardwareConcurrency) });
    registerContainedImageLoader();
    registerWadorsFrameLoader();
    installEnhancedFrameMetadata();
    installMetadataMemo();
    installDecodeGuard();
    installRenderRecovery();
    limitRequestsInFlight();
    cornerstoneTools.init();
    const { addTool } = cornerstoneTools;
    for (const tool of [
      cornerstoneTools.WindowLevelTool,
      cornerstoneTools.PanTool,
      cornerstoneTools.ZoomTool,
      cornerstoneTools.StackScrollTool,
      cornerstoneTools.CrosshairsTool,
      VertebralHeightTool,
      ForeignAnnotationTool,
    ]) {
      addTool(tool);
    }
    installMeasurementBridge();
    // cornerstone's image cache re-throws a failed load in a promise nobody awaits; the viewer has already reported it
    // next to the file, so the rejection shaped like the loader's ({ error, dataSet } or a decoder code) is handled.
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason as unknown;
      const loaderShaped = typeof reason === 'number' || (typeof reason === 'object' && reason !== null && !(reason instanceof Error) && 'error' in reason);
      if (loaderShaped) event.preventDefault();
    });
    // Scripted QA reaches the same instances the app uses, as in OHIF.
    window.cornerstone = cornerstone;
    window.cornerstoneTools = cornerstoneTools;
  })();
  return ready;
}

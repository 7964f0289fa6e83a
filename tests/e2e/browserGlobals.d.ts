/** The parts of the app's window hooks that browser tests call inside page.evaluate. */
interface TestViewport {
  worldToCanvas(world: [number, number, number]): [number, number];
  canvasToWorld(canvas: [number, number]): [number, number, number];
  canvas: HTMLCanvasElement;
  getCamera(): { focalPoint: [number, number, number]; position: [number, number, number]; viewPlaneNormal: [number, number, number]; viewUp: [number, number, number]; parallelScale: number };
  setCamera(camera: { focalPoint?: [number, number, number]; position?: [number, number, number]; parallelScale?: number }): void;
  render(): void;
}

interface Window {
  cornerstone: {
    getEnabledElement(element: HTMLElement): { viewport: TestViewport } | undefined;
    metaData: { get(type: string, imageId: string): unknown };
    imageLoader: { loadAndCacheImage(imageId: string): Promise<{ getPixelData(): ArrayLike<number>; rows: number; columns: number }> };
  };
  /** The app's read-only state hook (viewer/state/store.ts). */
  vertebralViewer: { getState: () => import('../../viewer/state/store').AppState };
  /** Reasons of the page's unhandled promise rejections, in words (recorded by tests/e2e/session.ts). */
  unhandledRejections: string[];
}

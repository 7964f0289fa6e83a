/**
 * dcmjs ships no types: this is the small part of `dcmjs.data` the viewer uses (dicomCodec.ts, the one place that
 * touches dcmjs). The node test project sees sample-data/dcmjs.d.ts instead, a superset of the same shapes: keep the
 * two in agreement (dicomCodec.ts compiles in both projects).
 */
declare module 'dcmjs' {
  /** A dataset keyed by tag ("00100010"), each value with its VR. */
  type TagDataset = Record<string, { vr: string; Value: unknown[] }>;

  class DicomDict {
    constructor(meta: TagDataset);
    meta: TagDataset;
    dict: TagDataset;
    write(): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): TagDataset;
        naturalizeDataset(dataset: TagDataset): Record<string, unknown>;
      };
      DicomDict: typeof DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer): DicomDict };
    };
  };
  export default dcmjs;
}

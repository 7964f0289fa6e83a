/**
 * The small part of dcmjs (which ships no types) that the generator and its tests use: converting between datasets
 * keyed by attribute keyword and by tag, writing a Part 10 file, and reading one back.
 */
declare module 'dcmjs' {
  type TagDataset = Record<string, { vr: string; Value: unknown[] }>;

  interface DicomMetaDictionaryStatic {
    denaturalizeDataset(dataset: Record<string, unknown>): TagDataset;
    naturalizeDataset(dataset: TagDataset): Record<string, unknown>;
  }

  interface DicomMessageStatic {
    readFile(buffer: ArrayBuffer): DicomDict;
  }

  class DicomDict {
    constructor(meta: TagDataset);
    meta: TagDataset;
    dict: TagDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomMetaDictionary: DicomMetaDictionaryStatic;
      DicomDict: typeof DicomDict;
      DicomMessage: DicomMessageStatic;
    };
  };
  export default dcmjs;
}

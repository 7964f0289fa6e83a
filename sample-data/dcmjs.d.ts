/**
 * The small part of dcmjs (which ships no types) that the generator uses: turning a dataset keyed by attribute
 * keyword into tag-keyed form, and writing a Part 10 file.
 */
declare module 'dcmjs' {
  type TagDataset = Record<string, { vr: string; Value: unknown[] }>;

  interface DicomMetaDictionaryStatic {
    denaturalizeDataset(dataset: Record<string, unknown>): TagDataset;
  }

  class DicomDict {
    constructor(meta: TagDataset);
    dict: TagDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomMetaDictionary: DicomMetaDictionaryStatic;
      DicomDict: typeof DicomDict;
    };
  };
  export default dcmjs;
}

/**
 * The element at `index` of `list` (an array or a typed array). The generator writes DICOM from these values, so a
 * missing one is a bug in the generator: it throws, naming `what` and the index, instead of writing `undefined`.
 * Per-voxel loops check inline and call `missingValue` instead, so that each look-up stays monomorphic and fast.
 */
export function elementAt<T>(list: ArrayLike<T>, index: number, what: string): T {
  const item = list[index];
  if (item === undefined) missingValue(what, index, list.length);
  return item;
}

/** Throws the generator's error for a value that is not there: `what` at `index` of a list of `length`. */
export function missingValue(what: string, index: number, length: number): never {
  throw new Error(`sample generator: no ${what} at index ${index} (of ${length})`);
}

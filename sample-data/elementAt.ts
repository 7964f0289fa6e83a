/**
 * The element at `index` of `list` (an array or a typed array). The generator writes DICOM from these values, so a
 * missing one is a bug in the generator: it throws, naming `what` and the index, instead of writing `undefined`.
 */
export function elementAt<T>(list: ArrayLike<T>, index: number, what: string): T {
  const item = list[index];
  if (item === undefined) throw new Error(`sample generator: no ${what} at index ${index} (of ${list.length})`);
  return item;
}

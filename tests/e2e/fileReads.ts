/**
 * Page script: the bytes read from each chosen file (by name), whichever File/Blob API reads them, in
 * `window.__fileBytesRead`; and in `window.__fileSizeQueries` how many times the page asked a File its size (each a
 * synchronous round trip to the browser process for a file from disk).
 */
export function countFileReads(): void {
  const bytesByName: Record<string, number> = {};
  (window as unknown as { __fileBytesRead: Record<string, number> }).__fileBytesRead = bytesByName;
  const sizeQueries = { count: 0 };
  (window as unknown as { __fileSizeQueries: typeof sizeQueries }).__fileSizeQueries = sizeQueries;
  const sizeOf = Object.getOwnPropertyDescriptor(Blob.prototype, 'size')!.get!;
  Object.defineProperty(Blob.prototype, 'size', {
    configurable: true,
    get(this: Blob) {
      if (this instanceof File) sizeQueries.count++;
      return sizeOf.call(this) as number;
    },
  });
  const origins = new WeakMap<Blob, string>();
  const nameOf = (blob: Blob): string | undefined => (blob instanceof File ? blob.name : origins.get(blob));
  const count = (blob: Blob) => {
    const name = nameOf(blob);
    if (name !== undefined) bytesByName[name] = (bytesByName[name] ?? 0) + (sizeOf.call(blob) as number);
  };
  const slice = Blob.prototype.slice;
  Blob.prototype.slice = function (this: Blob, ...args: Parameters<Blob['slice']>) {
    const part = slice.apply(this, args);
    const name = nameOf(this);
    if (name !== undefined) origins.set(part, name);
    return part;
  };
  for (const method of ['arrayBuffer', 'text', 'stream', 'bytes'] as const) {
    const original = Blob.prototype[method] as ((this: Blob) => unknown) | undefined;
    if (original === undefined) continue;
    Object.defineProperty(Blob.prototype, method, {
      configurable: true,
      writable: true,
      value(this: Blob) {
        count(this);
        return original.call(this);
      },
    });
  }
  for (const method of ['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText'] as const) {
    const original = FileReader.prototype[method] as (this: FileReader, blob: Blob, ...rest: unknown[]) => void;
    Object.defineProperty(FileReader.prototype, method, {
      configurable: true,
      writable: true,
      value(this: FileReader, blob: Blob, ...rest: unknown[]) {
        count(blob);
        original.call(this, blob, ...rest);
      },
    });
  }
}

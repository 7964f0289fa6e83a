/** Page script: the bytes read from each chosen file (by name), whichever File/Blob API reads them. */
export function countFileReads(): void {
  const bytesByName: Record<string, number> = {};
  (window as unknown as { __fileBytesRead: Record<string, number> }).__fileBytesRead = bytesByName;
  const origins = new WeakMap<Blob, string>();
  const nameOf = (blob: Blob): string | undefined => (blob instanceof File ? blob.name : origins.get(blob));
  const count = (blob: Blob) => {
    const name = nameOf(blob);
    if (name !== undefined) bytesByName[name] = (bytesByName[name] ?? 0) + blob.size;
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

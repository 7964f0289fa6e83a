import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as dicomParser from 'dicom-parser';
import fc from 'fast-check';
import { replaceString, replaceUint16, replaceValue, TAGS, withNewIdentity } from './dicomMutator';

/** Seeds at most this big are used (bigger real files would only slow the browser without adding cases). */
const SEED_MAX_BYTES = 150_000;
/** Phantom CT slices are cut to this many rows and columns so a thousand mutants stay small. */
const SHRUNK_SIZE = 64;

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

export interface Mutant {
  fileName: string;
  kind: string;
  bytes: Uint8Array;
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function isPart10(bytes: Uint8Array): boolean {
  return bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** A phantom slice cut to its first SHRUNK_SIZE² pixels: still a valid, geometrically placed 16-bit image. */
function shrink(bytes: Uint8Array): Uint8Array {
  const pixels = dicomParser.parseDicom(bytes).elements.x7fe00010;
  if (!pixels) return bytes;
  let out = replaceValue(bytes, [0x7fe0, 0x0010], bytes.slice(pixels.dataOffset, pixels.dataOffset + SHRUNK_SIZE * SHRUNK_SIZE * 2));
  out = replaceUint16(replaceUint16(out, TAGS.rows, SHRUNK_SIZE), TAGS.columns, SHRUNK_SIZE);
  return out;
}

/** Phantom slices (CT shrunk, MR, CR) and the small Part 10 files of ../shared/dicom, sorted, so the corpus is stable. */
export function fuzzSeeds(phantomDir: string, sharedDir: string): Seed[] {
  const seeds: Seed[] = [];
  for (const file of ['baseline/ct/CT000100.dcm', 'baseline/ct/CT000101.dcm', 'baseline/ct/CT000102.dcm', 'baseline/ct/CT000103.dcm']) {
    seeds.push({ name: file, bytes: shrink(new Uint8Array(readFileSync(join(phantomDir, file)))) });
  }
  for (const file of ['baseline/mr/MR000001.dcm', 'baseline/mr/MR000002.dcm']) {
    if (existsSync(join(phantomDir, file))) seeds.push({ name: file, bytes: new Uint8Array(readFileSync(join(phantomDir, file))) });
  }
  if (existsSync(sharedDir)) {
    for (const path of walk(sharedDir)) {
      if (statSync(path).size > SEED_MAX_BYTES) continue;
      const bytes = new Uint8Array(readFileSync(path));
      if (!isPart10(bytes)) continue;
      try {
        dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' } as dicomParser.ParseDicomOptions);
      } catch {
        continue;
      }
      seeds.push({ name: relative(sharedDir, path), bytes });
    }
  }
  return seeds;
}

interface Choice {
  seedIndex: number;
  kind: number;
  a: number;
  b: number;
  noise: Uint8Array;
}

type Mutation = (bytes: Uint8Array, choice: Choice) => Uint8Array;

function elementsOf(bytes: Uint8Array): dicomParser.Element[] {
  const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' } as dicomParser.ParseDicomOptions);
  return Object.values(ds.elements).sort((x, y) => x.dataOffset - y.dataOffset);
}

function isExplicit(bytes: Uint8Array): boolean {
  const ds = dicomParser.parseDicom(bytes, { untilTag: 'x00020010' } as dicomParser.ParseDicomOptions);
  return (ds.string('x00020010') ?? '').trim() !== '1.2.840.10008.1.2';
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const SOME_VRS = ['US', 'SS', 'UL', 'DS', 'IS', 'LO', 'SH', 'PN', 'UI', 'OB', 'OW', 'SQ', 'UN', 'FD', 'AT', 'XX'];
const SOME_TRANSFER_SYNTAXES = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.1.99', '1.2.3.4'];

/** A 200-deep nest of sequences with undefined lengths, as a private element (0029,1010) inserted before the pixels. */
function deepSequence(bytes: Uint8Array, depth: number): Uint8Array {
  const explicit = isExplicit(bytes);
  const pixels = elementsOf(bytes).find((e) => e.tag === 'x7fe00010');
  const pixelHeader = pixels ? (explicit ? 12 : 8) : 0;
  const at = pixels ? pixels.dataOffset - pixelHeader : bytes.length;
  const parts: number[] = [];
  const u16 = (v: number) => parts.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (v: number) => { u16(v & 0xffff); u16((v >>> 16) & 0xffff); };
  for (let i = 0; i < depth; i++) {
    u16(0x0029); u16(0x1010);
    if (explicit) { parts.push(0x53, 0x51); u16(0); }
    u32(0xffffffff);
    u16(0xfffe); u16(0xe000); u32(0xffffffff); // item, undefined length
  }
  for (let i = 0; i < depth; i++) {
    u16(0xfffe); u16(0xe00d); u32(0); // item delimiter
    u16(0xfffe); u16(0xe0dd); u32(0); // sequence delimiter
  }
  const out = new Uint8Array(bytes.length + parts.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(parts, at);
  out.set(bytes.subarray(at), at + parts.length);
  return out;
}

const pick = <T>(values: readonly T[], n: number): T => values[n % values.length]!;

/** XORs one byte of `bytes` with `mask`; the mutations only pick indices inside (modulo the length). */
function xorByte(bytes: Uint8Array, index: number, mask: number): void {
  const value = bytes[index];
  if (value === undefined) throw new Error(`mutation picked byte ${index} of ${bytes.length}`);
  bytes[index] = value ^ mask;
}

/** The mutation kinds of issue 11, and a few more; each is deterministic in its choice. */
export const MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  ['truncated', (b, c) => b.slice(0, c.a % b.length)],
  ['byte flips', (b, c) => {
    const out = b.slice();
    for (let i = 0; i < 1 + (c.b % 16); i++) xorByte(out, (c.a * (i + 1) * 7919 + c.noise[i % Math.max(1, c.noise.length)]!) % out.length, 1 << (i % 8));
    return out;
  }],
  ['header byte flips', (b, c) => {
    const out = b.slice();
    const end = Math.min(out.length, 2048);
    for (let i = 0; i < 1 + (c.b % 8); i++) xorByte(out, 132 + ((c.a + i * 104729) % (end - 132)), 0xff);
    return out;
  }],
  ['huge length', (b, c) => {
    const out = b.slice();
    const elements = elementsOf(out).filter((e) => e.dataOffset > 132);
    const e = pick(elements, c.a);
    const explicit = isExplicit(out) ;
    const long = !explicit || LONG_VRS.has(e.vr ?? '');
    const view = new DataView(out.buffer);
    if (long) view.setUint32(e.dataOffset - 4, pick([0xfffffff0, 0x7fffffff, 0xfffffffe, b.length * 3], c.b), true);
    else view.setUint16(e.dataOffset - 2, pick([0xffff, 0xfffe, 0x8001], c.b), true);
    return out;
  }],
  ['odd length', (b, c) => {
    const out = b.slice();
    const elements = elementsOf(out).filter((e) => e.dataOffset > 132 && e.length > 2);
    const e = pick(elements, c.a);
    const explicit = isExplicit(out);
    const view = new DataView(out.buffer);
    if (!explicit || LONG_VRS.has(e.vr ?? '')) view.setUint32(e.dataOffset - 4, e.length - 1, true);
    else view.setUint16(e.dataOffset - 2, e.length - 1, true);
    return out;
  }],
  ['swapped VR', (b, c) => {
    if (!isExplicit(b)) throw new Error('implicit VR has no VR to swap');
    const out = b.slice();
    const e = pick(elementsOf(out).filter((x) => x.dataOffset > 132 && x.vr), c.a);
    const vr = pick(SOME_VRS, c.b);
    const at = e.dataOffset - (LONG_VRS.has(e.vr ?? '') ? 8 : 4);
    out[at] = vr.charCodeAt(0);
    out[at + 1] = vr.charCodeAt(1);
    return out;
  }],
  ['rows', (b, c) => replaceUint16(b, TAGS.rows, pick([0, 1, 65535], c.a))],
  ['columns', (b, c) => replaceUint16(b, TAGS.columns, pick([0, 1, 65535], c.a))],
  ['bits allocated', (b, c) => replaceUint16(b, TAGS.bitsAllocated, pick([1, 7, 12, 64, 0], c.a))],
  ['bits stored', (b, c) => replaceUint16(b, TAGS.bitsStored, pick([0, 7, 17, 40], c.a))],
  ['high bit', (b, c) => replaceUint16(b, TAGS.highBit, pick([0, 16, 255], c.a))],
  ['samples per pixel', (b, c) => replaceUint16(b, TAGS.samplesPerPixel, pick([0, 2, 4, 3], c.a))],
  ['pixel representation', (b, c) => replaceUint16(b, TAGS.pixelRepresentation, pick([2, 65535], c.a))],
  ['photometric interpretation', (b, c) => replaceString(b, TAGS.photometricInterpretation, pick(['RGB', 'PALETTE COLOR', 'YBR_FULL', 'HSV', '', 'MONOCHROME3'], c.a))],
  ['number of frames', (b, c) => replaceString(b, TAGS.numberOfFrames, pick(['0', '-1', '100000', 'x'], c.a))],
  ['pixel spacing', (b, c) => replaceString(b, TAGS.pixelSpacing, pick(['0\\0', '-1\\1', 'abc', '1e308\\1', '0.7\\0\xe97', '0.7', 'nan\\nan'], c.a))],
  ['orientation', (b, c) => replaceString(b, TAGS.imageOrientationPatient, pick(['0\\0\\0\\0\\0\\0', '1\\0\\0\\1\\0\\0', 'nan\\0\\0\\0\\1\\0', '1\\0\\0'], c.a))],
  ['position', (b, c) => replaceString(b, TAGS.imagePositionPatient, pick(['nan\\nan\\nan', 'inf\\0\\0', '1\\2', '1e308\\1e308\\1e308'], c.a))],
  ['transfer syntax', (b, c) => replaceString(b, TAGS.transferSyntaxUid, pick(SOME_TRANSFER_SYNTAXES, c.a))],
  ['character set', (b, c) => replaceString(replaceString(b, TAGS.specificCharacterSet, pick(['ISO_IR 192', '\\ISO 2022 IR 87', 'ISO 2022 IR 149', 'GB18030', 'NONSENSE'], c.a)), TAGS.patientName, Array.from(c.noise, (x) => String.fromCharCode(x)).join(''))],
  ['deep sequence', (b, c) => deepSequence(b, 200 + (c.a % 50))],
  ['empty', () => new Uint8Array(0)],
  ['random bytes', (_b, c) => Uint8Array.from({ length: 64 + (c.a % 4000) }, (_, i) => (c.noise[i % Math.max(1, c.noise.length)]! * 31 + i * 7) & 0xff)],
  ['random after DICM', (_b, c) => {
    const out = Uint8Array.from({ length: 132 + 64 + (c.a % 2000) }, (_, i) => (c.noise[i % Math.max(1, c.noise.length)]! + i * 13) & 0xff);
    out.set([0x44, 0x49, 0x43, 0x4d], 128);
    return out;
  }],
];

/**
 * `count` mutants of the seeds, the same for the same `seed` number: each names its seed and mutation kind. A mutation
 * that cannot apply to its seed (e.g. no NumberOfFrames element) falls back to byte flips, so every mutant differs from
 * its seed. Mutants get new SOP Instance UIDs and a series per `seriesGroupSize` mutants, so they never join (or
 * duplicate) the good phantom series the test checks after each batch, and mixed series of mutants are exercised.
 */
export function fuzzCorpus(seeds: readonly Seed[], count: number, seed: number, seriesGroupSize = 20): Mutant[] {
  const choices = fc.sample(
    fc.record({ seedIndex: fc.nat(), kind: fc.nat(), a: fc.nat(), b: fc.nat(), noise: fc.uint8Array({ minLength: 1, maxLength: 48 }) }),
    { seed, numRuns: count },
  );
  return choices.map((choice, index) => {
    const source = seeds[choice.seedIndex % seeds.length]!;
    const [kind, mutate] = MUTATIONS[(choice.kind + index) % MUTATIONS.length]!;
    let base = source.bytes;
    try {
      base = withNewIdentity(source.bytes, `2.25.880000${index}`, `2.25.890000${Math.floor(index / seriesGroupSize)}`);
    } catch {
      // a seed without SOP Instance or Series UID keeps its own identity (its mutants are then duplicates of each other)
    }
    let bytes: Uint8Array;
    let applied = kind;
    try {
      bytes = mutate(base, choice);
    } catch {
      applied = `${kind} (not applicable: byte flips)`;
      bytes = MUTATIONS[1]![1](base, choice);
    }
    const safeSeed = source.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { fileName: `fuzz-${String(index).padStart(4, '0')}-${kind.replace(/\s+/g, '-')}-${safeSeed}`, kind: applied, bytes };
  });
}

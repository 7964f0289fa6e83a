import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';

// measurement/ must stay pure: it imports nothing outside itself and touches no DOM. Its own tsconfig has no node
// types, so this check, which reads files, lives here.

const MEASUREMENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../measurement');

/** Bare package names that test helpers under measurement/testing/ may import. */
const TESTING_PACKAGES = new Set(['vitest']);

const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'HTMLElement',
  'HTMLCanvasElement',
  'requestAnimationFrame',
];

function listTsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function withoutStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

/** Every module specifier in `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')` and `require('…')`. */
function importSpecifiers(source: string): string[] {
  const code = withoutComments(source);
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => at(match, 1)));
}

/** The specifiers of `file` that leave measurement/ or name a package it may not use. */
function forbiddenImports(file: string, source: string): string[] {
  const inTesting = relative(MEASUREMENT_DIR, file).split(sep)[0] === 'testing';
  return importSpecifiers(source).filter((specifier) => {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      return target !== MEASUREMENT_DIR && !target.startsWith(MEASUREMENT_DIR + sep);
    }
    return !(inTesting && TESTING_PACKAGES.has(specifier));
  });
}

/** The DOM globals that `source` mentions in code (comments and string contents ignored). */
function domGlobalsUsed(source: string): string[] {
  const code = withoutStrings(withoutComments(source));
  return DOM_GLOBALS.filter((name) => new RegExp(`(?<![.\\w$])${name}\\b`).test(code));
}

const sourceFiles = listTsFiles(MEASUREMENT_DIR).filter((file) => !file.endsWith('.test.ts'));

describe('measurement/ purity', () => {
  it('has source files to check, among them index.ts', () => {
    expect(sourceFiles.map((file) => relative(MEASUREMENT_DIR, file))).toContain('index.ts');
  });

  it.each(sourceFiles.map((file) => [relative(MEASUREMENT_DIR, file), file]))(
    '%s imports nothing outside measurement/ and uses no DOM global',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      expect(forbiddenImports(file, source)).toEqual([]);
      expect(domGlobalsUsed(source)).toEqual([]);
    },
  );

  it('is compiled without the DOM library and without node types', () => {
    const tsconfig = JSON.parse(readFileSync(join(MEASUREMENT_DIR, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { lib: string[]; types: string[] };
    };
    expect(tsconfig.compilerOptions.lib.filter((lib) => /dom/i.test(lib))).toEqual([]);
    expect(tsconfig.compilerOptions.types).toEqual([]);
  });

  describe('the checker itself', () => {
    const file = join(MEASUREMENT_DIR, 'example.ts');
    const testingFile = join(MEASUREMENT_DIR, 'testing', 'example.ts');

    it('finds static, side-effect, dynamic and require imports, and re-exports', () => {
      const source = [
        "import { a } from './a';",
        "import type { B } from '../viewer/b';",
        "import './side-effect';",
        "export { c } from '@cornerstonejs/core';",
        "const d = await import('react');",
        "const e = require('node:fs');",
        "// import { ignored } from 'in-a-comment';",
      ].join('\n');
      expect(importSpecifiers(source)).toEqual(['./a', '../viewer/b', '@cornerstonejs/core', './side-effect', 'react', 'node:fs']);
    });

    it('flags imports that leave measurement/ and bare packages, allowing vitest only in testing/', () => {
      const source = "import { x } from './x';\nimport { y } from '../viewer/y';\nimport { it } from 'vitest';";
      expect(forbiddenImports(file, source)).toEqual(['../viewer/y', 'vitest']);
      expect(forbiddenImports(testingFile, "import { z } from '../z';\nimport { it } from 'vitest';")).toEqual([]);
      expect(forbiddenImports(testingFile, "import { w } from '../../viewer/w';")).toEqual(['../../viewer/w']);
    });

    it('flags DOM globals in code but not in comments, strings or property names', () => {
      expect(domGlobalsUsed('const el = document.createElement("canvas");')).toEqual(['document']);
      expect(domGlobalsUsed('void fetch(url); window.alert(1);')).toEqual(['window', 'fetch']);
      expect(domGlobalsUsed('// the document\nconst s = "open a window"; const n = config.navigator;')).toEqual([]);
    });
  });
});

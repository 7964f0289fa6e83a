import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'sample-data/output/**', '.tmp/**', '.cache/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['viewer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // measurement/ is pure: it imports nothing outside itself, no DOM, no cornerstone, no React.
    files: ['measurement/**/*.ts'],
    ignores: ['measurement/testing/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*', '!./*'], message: 'measurement/ imports nothing outside itself.' },
        { group: ['@cornerstonejs/*', 'react', 'react-dom', 'dicom-parser', 'dcmjs', 'node:*', 'fs', 'path'],
          message: 'measurement/ is pure: no cornerstone, React, DICOM parsing or I/O.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch'],
    },
  },
  {
    // Its test helpers may use measurement/ itself (one level up), still nothing outside it.
    files: ['measurement/testing/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../../*'], message: 'measurement/ imports nothing outside itself.' },
        { group: ['@cornerstonejs/*', 'react', 'react-dom', 'dicom-parser', 'dcmjs', 'node:*', 'fs', 'path'],
          message: 'measurement/ is pure: no cornerstone, React, DICOM parsing or I/O.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch'],
    },
  },
  {
    // Panels read the store and call measurement/; they never talk to cornerstone.
    files: ['viewer/panels/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@cornerstonejs/*', '../cornerstone/*'], message: 'Panels never import cornerstone.' },
      ] }],
    },
  },
);

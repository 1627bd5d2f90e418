import base from '@gatehouse/eslint-config';

export default [
  ...base,
  {
    // The host: its HTTP folder mounts the doors @gatehouse/api exports and calls no use case or session code itself.
    files: ['src/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@gatehouse/services', message: 'HTTP doors live in @gatehouse/api; mount them from there.', allowTypeImports: true },
            { name: '@gatehouse/auth', message: 'HTTP doors live in @gatehouse/api; mount them from there.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read in one place (API.md, "Configuration").
    files: ['src/**/*.ts'],
    ignores: ['src/env.ts', 'src/**/*.test.ts', 'src/testing.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through env.ts.' }],
    },
  },
];

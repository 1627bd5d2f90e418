import base from '@gatehouse/eslint-config';

export default [
  ...base,
  {
    // A feature folder is entered through its index.ts only; shared/ is the common floor every folder stands on.
    files: ['src/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!shared/)[a-z-]+/(?!index\\.ts$)', message: 'Import another feature through its index.ts.' }] },
      ],
    },
  },
  {
    // SQL lives in packages/db's repositories; a use case calls them and writes no statement itself.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@gatehouse/db', importNames: ['queryRows', 'queryPrepared', 'executeStatement'], message: 'Put the statement in a packages/db repository.' }] },
      ],
    },
  },
];

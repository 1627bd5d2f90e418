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
];

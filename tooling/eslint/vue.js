// Lint rules for the SPAs: the shared set, plus Vue's correctness rules for single-file components
// (formatting is left to the type-checker and review, not to lint errors).
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import base from './index.js';

export default tseslint.config(
  ...base,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: {
      // Page and component names such as "App" or "HomePage" are fine in this codebase.
      'vue/multi-word-component-names': 'off',
      // vue-tsc checks every name, browser globals included (typescript-eslint's advice for TypeScript code).
      'no-undef': 'off',
    },
  },
);

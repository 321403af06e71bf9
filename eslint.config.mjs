// @ts-check
// One lint configuration for both apps: typescript-eslint everywhere, angular-eslint and the NgRx rules for the SPA,
// one import order, and no unused code. Formatting is Prettier's job (`npm run format`), not ESLint's.
import eslint from '@eslint/js';
import globals from 'globals';
import ngrx from '@ngrx/eslint-plugin/v9';
import angular from 'angular-eslint';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

// The templates whose text must be translated: all of the SPA's.
const I18N_CHECKED = ['frontend/src/app/**/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.angular/**', 'backend/embedded-mongo/**'] },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Scripts the browser runs as they are (/embed.js).
    files: ['frontend/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-unused-private-class-members': 'error',
    },
  },
  {
    // Nest's dependency injection reads constructor parameter types at runtime: a type-only import would erase them.
    files: ['backend/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['frontend/src/**/*.ts'],
    extends: [
      ...angular.configs.tsRecommended,
      ...ngrx.configs.store,
      ...ngrx.configs.effects,
      ...ngrx.configs.operators,
    ],
    processor: angular.processInlineTemplates,
    rules: {
      // Presentational components may style a native element through an attribute (`button[appButton]`).
      '@angular-eslint/component-selector': [
        'error',
        [
          { type: 'element', prefix: 'app', style: 'kebab-case' },
          { type: 'attribute', prefix: 'app', style: 'camelCase' },
        ],
      ],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    files: ['frontend/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    // Every text a template shows goes through Angular's i18n with a custom id (frontend/src/locale/messages.de.json
    // holds the German; scripts/check-i18n.mjs checks it is complete). Inline templates are linted as virtual files
    // inside their .ts file, hence the second pattern.
    files: I18N_CHECKED.flatMap((file) => [`${file}.html`, `${file}.ts/**/*.html`]),
    rules: {
      '@angular-eslint/template/i18n': [
        'error',
        {
          checkId: true,
          checkText: true,
          checkAttributes: true,
          // Attributes and component inputs that carry no human-readable text.
          ignoreAttributes: [
            'accept',
            'appIcon',
            'aria-controls',
            'aria-describedby',
            'aria-haspopup',
            'aria-keyshortcuts',
            'aria-labelledby',
            'aria-live',
            'ariaCurrentWhenActive',
            'autocapitalize',
            'd',
            'data-testid',
            'inputmode',
            'loading',
            'preload',
            'queryParamsHandling',
            'rel',
            'scope',
            'size',
            'stroke-linecap',
            'stroke-linejoin',
            'text-anchor',
            'tone',
            'variant',
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      'backend/test/**/*.ts',
      'frontend/e2e/**/*.ts',
      'backend/bench/**/*.ts',
    ],
    // Tests read untyped wire payloads (socket events, OpenAPI documents) on purpose.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);

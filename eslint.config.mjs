// ESLint (flat config): typescript-eslint's recommended rules over the whole tree; formatting is Prettier's.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/', 'build/', 'dist/', 'coverage/', '.deno-cache/', 'dev/deno/'] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { globals: globals.node },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
            eqeqeq: ['error', 'always'],
            'prefer-const': 'error',
        },
    },
    {
        // The dashboard's code runs in the browser.
        files: ['dashboard/**/*.ts'],
        languageOptions: { globals: globals.browser },
    },
    {
        files: ['**/*.js', '**/*.cjs'],
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    prettier,
);

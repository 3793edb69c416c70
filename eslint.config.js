import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/dist/**", "packages/*/bin/**", "**/.tmp*/**", "**/*.tmp.*", "**/node_modules/**", "**/coverage/**", "**/.turbo/**", "**/*.config.ts", "**/*.config.js", "bench/**", "scripts/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      // `import { type X }` survives verbatimModuleSyntax as a side-effect import and loads the module.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "no-console": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*"], message: "Only packages/sdk/src/aws/ imports @aws-sdk/*." },
            { group: ["@aws-atlas/*/src", "@aws-atlas/*/src/*", "**/sdk/src/**"], message: "Import the public entry point of the package." },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/sdk/src/aws/**", "packages/testkit/**/*.test.ts", "packages/testkit/test/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@aws-atlas/*/src", "@aws-atlas/*/src/*"], message: "Import the public entry point of the package." }] },
      ],
    },
  },
  {
    files: ["packages/cli/**", "packages/testkit/src/cli.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.test.ts", "**/test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);

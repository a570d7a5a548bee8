// Tells the suites of a version-matrix project which engine alias they run on (jest.config.js).
process.env.AST_ENGINE = globalThis.AST_ENGINE;

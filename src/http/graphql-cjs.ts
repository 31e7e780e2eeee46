import { createRequire } from 'node:module';

/**
 * graphql-js as the CommonJS build, the copy Apollo Server, graphql-tools and
 * graphql-middleware load. Under vitest a plain `import ... from 'graphql'` in source gets
 * the ES build, a second copy whose classes fail graphql's instanceof checks ("from another
 * module or realm") and whose GraphQLError Apollo would not recognise. Types come from a
 * type-only import as usual.
 */
const require = createRequire(import.meta.url);
export const graphql = require('graphql') as typeof import('graphql');

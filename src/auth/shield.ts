import { createRequire } from 'node:module';

/**
 * graphql-shield 7.6.5 (the latest) imports `isUndefined` from node:util in its ES module
 * build, and Node 23 removed that function, so the ES build fails to load on Node 24. Its
 * CommonJS build loads and only calls it inside `chain` and `race`, which this project
 * does not use (permissions.ts uses `rule`, `or` and `deny`).
 */
const require = createRequire(import.meta.url);
const shieldLib = require('graphql-shield') as typeof import('graphql-shield');
// The CommonJS graphql-middleware too: shield's middleware generator must be an instance
// of the same module's class, or applyMiddleware mistakes it for a type map.
const middlewareLib = require('graphql-middleware') as typeof import('graphql-middleware');

export const { deny, or, rule, shield } = shieldLib;
export const { applyMiddleware } = middlewareLib;

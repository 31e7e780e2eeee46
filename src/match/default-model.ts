import defaultModelJson from '../../models/default-model.json' with { type: 'json' };
import { loadModel, type Model } from './model.ts';

/**
 * The hand-set model kept in the repo (models/default-model.json), validated.
 * @example defaultModel().version // 'default-3'
 */
export function defaultModel(): Model {
  return loadModel(structuredClone(defaultModelJson));
}

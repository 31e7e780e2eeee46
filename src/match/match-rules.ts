import { z } from 'zod';
import { identifierTypes } from '../ingest/canonical.ts';
import defaultRulesJson from '../../config/match-rules.json' with { type: 'json' };

/**
 * Deterministic rules: sharing an identifier of one of a rule's types links two records
 * outright. Kept as data (config/match-rules.json, replaceable over GraphQL).
 */
export const matchRuleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and -'),
  identifierTypes: z.array(z.enum(identifierTypes)).min(1),
});
export const matchRulesSchema = z.strictObject({
  notes: z.string().optional(),
  rules: z.array(matchRuleSchema).max(50),
});
export type MatchRule = z.infer<typeof matchRuleSchema>;

export const defaultMatchRules = (): MatchRule[] => matchRulesSchema.parse(defaultRulesJson).rules;

/**
 * The first rule whose identifier types the two records share a value of.
 * @example ruleLinking(rules, ['email:a@x.com'], ['email:a@x.com']) // { name: 'same-email', ... }
 */
export function ruleLinking(rules: readonly MatchRule[], shared: ReadonlySet<string>): MatchRule | null {
  for (const rule of rules) {
    if (rule.identifierTypes.some((type) => shared.has(type))) return rule;
  }
  return null;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import defaultConfigJson from '../../config/survivorship.json' with { type: 'json' };
import { survivorshipStrategies, type GoldenAttribute, type SurvivorshipConfig } from './survivorship.ts';

/**
 * Survivorship rules decide which source's value a golden record shows. They are data
 * (config/survivorship.json): per attribute, an ordered list of strategies, each narrowing
 * the candidate values, and optionally a source order that replaces the sources' own
 * priority for that attribute. Nothing is lost by a rule: every email, phone and address
 * stays on the golden record with its sources (the rule only picks the preferred one),
 * legal names and identifiers are never collapsed, and a steward's pin beats any rule.
 *
 * The shipped defaults, and why:
 * - Names (given, middle, family, full): `source-priority`, then `most-recent`. A name is as
 *   good as the system that checked it (billing holds the name on the payment contract, a
 *   newsletter sign-up holds whatever was typed); among equally trusted sources the latest
 *   edit carries a marriage or a corrected spelling.
 * - Date of birth: `most-frequent`, `source-priority`, `most-recent`. It never changes, so
 *   recency says nothing about it; a typo in one system is outvoted by the systems that agree.
 * - Organisation, title: `most-recent`, then `source-priority`. People change jobs and
 *   titles, so the latest value is the likeliest to be true.
 * - Email, phone, address: `most-recent`, then `source-priority`. People move and change
 *   numbers; the value seen last is the likeliest to reach them.
 * - Legal names: from `billing`, whose names are contractual and must stay as written.
 */

const sourceName = z.string().trim().min(1).max(100);
const unique = (list: readonly string[]): boolean => new Set(list).size === list.length;

const attributeRuleSchema = z.strictObject({
  strategies: z.array(z.enum(survivorshipStrategies)).min(1).refine(unique, 'each strategy at most once'),
  sourceOrder: z.array(sourceName).min(1).refine(unique, 'each source at most once').optional(),
});

const attributeRules = z.strictObject({
  givenName: attributeRuleSchema,
  middleName: attributeRuleSchema,
  familyName: attributeRuleSchema,
  fullName: attributeRuleSchema,
  dateOfBirth: attributeRuleSchema,
  organisation: attributeRuleSchema,
  title: attributeRuleSchema,
  email: attributeRuleSchema,
  phone: attributeRuleSchema,
  address: attributeRuleSchema,
} satisfies Record<GoldenAttribute, typeof attributeRuleSchema>);

export const survivorshipConfigSchema = z.strictObject({
  attributes: attributeRules,
  legalNameSources: z.array(sourceName).refine(unique, 'each source at most once'),
});

/** A config file that cannot be used. `path` is the offending setting ('' for the whole file); no value is ever quoted. */
export class SurvivorshipConfigError extends Error {
  readonly path: string;
  constructor(file: string, path: string, problem: string, cause?: unknown) {
    super(`Invalid survivorship config ${file}: ${path === '' ? 'the file' : path} ${problem}`, cause === undefined ? undefined : { cause });
    this.name = 'SurvivorshipConfigError';
    this.path = path;
  }
}

const count = (limit: number | bigint, origin: string): string => {
  const [one, many] = origin === 'string' ? ['character', 'characters'] : ['entry', 'entries'];
  return `${String(limit)} ${Number(limit) === 1 ? one : many}`;
};

/** What a setting must be, in words that never repeat the value given (zod's own messages may). */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}`;
    case 'too_small':
      return `must have at least ${count(issue.minimum, issue.origin)}`;
    case 'too_big':
      return `must have at most ${count(issue.maximum, issue.origin)}`;
    case 'unrecognized_keys':
      return 'is not a known setting';
    case 'custom':
      return `must have ${issue.message}`;
    default:
      return 'is not valid';
  }
}

function issuePath(issue: z.core.$ZodIssue): string {
  // An unknown key is reported on its parent; name the key itself.
  const keys = issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [];
  return [...issue.path, ...keys].map(String).join('.');
}

/** Checks a parsed config; throws SurvivorshipConfigError naming the first bad setting. */
export function parseSurvivorshipConfig(input: unknown, file = '(inline)'): SurvivorshipConfig {
  const parsed = survivorshipConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new SurvivorshipConfigError(file, issuePath(issue), expectation(issue));
}

export const defaultSurvivorshipConfigUrl = new URL('../../config/survivorship.json', import.meta.url);

/**
 * Reads and checks a survivorship config file (default: the shipped config/survivorship.json),
 * synchronously, as start-up does.
 * @example loadSurvivorshipConfig('ops/survivorship.json').attributes.email.strategies // ['most-recent', 'source-priority']
 */
export function loadSurvivorshipConfig(path: string | URL = defaultSurvivorshipConfigUrl): SurvivorshipConfig {
  const file = path instanceof URL ? fileURLToPath(path) : path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SurvivorshipConfigError(file, '', 'cannot be read', error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error: no cause, so it is never logged.
    throw new SurvivorshipConfigError(file, '', 'is not valid JSON');
  }
  return parseSurvivorshipConfig(json, file);
}

/**
 * The shipped rules (config/survivorship.json, reasons above): names by source priority then
 * recency, date of birth by agreement, everything that changes over a life by recency,
 * billing names kept as legal names. A fresh copy on each call.
 * @example defaultSurvivorshipConfig().attributes.dateOfBirth.strategies[0] // 'most-frequent'
 */
export function defaultSurvivorshipConfig(): SurvivorshipConfig {
  return parseSurvivorshipConfig(defaultConfigJson, 'config/survivorship.json');
}

import { readFile } from 'node:fs/promises';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import { defaultModel } from './default-model.ts';
import { READ_MATCH_RULES, SEED_MATCH_RULES, WRITE_MATCH_RULES } from './match-settings.cypher.ts';
import { defaultMatchRules, matchRulesSchema, type MatchRule } from './match-rules.ts';
import { loadModel, type Model } from './model.ts';
import type { ResolutionService } from './resolution.service.ts';

/** The model a process resolves with: the file named in MATCH_MODEL_PATH, or the shipped default. */
export async function loadActiveModel(path: string | undefined): Promise<Model> {
  if (!path) return defaultModel();
  return loadModel(JSON.parse(await readFile(path, 'utf8')));
}

/** Deterministic rules live in the database (seeded from config/match-rules.json), changeable over GraphQL. */
export class MatchSettingsService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  /** Seeds the default rules once and loads what the database holds into resolution. */
  async load(): Promise<void> {
    const [row] = await this.executor.writeRows<{ json: string }>(SEED_MATCH_RULES, { json: JSON.stringify(defaultMatchRules()) });
    this.resolution.use({ rules: matchRulesSchema.shape.rules.parse(JSON.parse(row!.json)) });
  }

  async rules(): Promise<MatchRule[]> {
    const [row] = await this.executor.readRows<{ json: string }>(READ_MATCH_RULES);
    return row ? matchRulesSchema.shape.rules.parse(JSON.parse(row.json)) : defaultMatchRules();
  }

  async setRules(input: unknown, actor: Actor): Promise<MatchRule[]> {
    const parsed = matchRulesSchema.shape.rules.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError('BAD_USER_INPUT', 'Bad match rules', {
        clientMessage: `rules.${issue.path.join('.')}: ${issue.message}`,
        field: ['rules', ...(issue.path as (string | number)[])],
      });
    }
    await this.executor.write(async (tx) => {
      await tx.run(WRITE_MATCH_RULES, { json: JSON.stringify(parsed.data), by: actor.id });
      await appendAudit(tx, actor, [{ operation: 'rules.set', detail: { rules: parsed.data.map((r) => r.name).join(',') } }]);
    });
    this.resolution.use({ rules: parsed.data });
    return parsed.data;
  }

  get model(): Model {
    return this.resolution.current.model;
  }
}

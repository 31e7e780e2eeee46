import { readFile } from 'node:fs/promises';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { defaultModel } from './default-model.ts';
import { MATCH_RULES_SINCE, SEED_MATCH_RULES, WRITE_MATCH_RULES } from './match-settings.cypher.ts';
import { defaultMatchRules, matchRulesSchema, type MatchRule } from './match-rules.ts';
import { loadModel, type Model } from './model.ts';
import type { ResolutionService } from './resolution.service.ts';

/** The model a process resolves with: the file named in MATCH_MODEL_PATH, or the shipped default. */
export async function loadActiveModel(path: string | undefined): Promise<Model> {
  if (!path) return defaultModel();
  return loadModel(JSON.parse(await readFile(path, 'utf8')));
}

type Since = { version: number; json: string | null };

/**
 * Deterministic rules live in the database as one versioned record (seeded from
 * config/match-rules.json, changeable over GraphQL), so every process on one database
 * resolves by the same rules. A process keeps the version it loaded and checks it where
 * the rules are used: inside each ingest transaction before resolution (`refresh(tx)`),
 * and before the reads that score with them. The check is one small read that returns the
 * rules only when their version changed.
 */
export class MatchSettingsService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;
  /** The version of the rules `resolution` holds; -1 before the first load. */
  private version = -1;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  /** Seeds the default rules once and loads what the database holds into resolution. */
  async load(): Promise<void> {
    const [row] = await this.executor.writeRows<{ json: string; version: number }>(SEED_MATCH_RULES, { json: JSON.stringify(defaultMatchRules()) });
    this.apply({ version: Number(row!.version), json: row!.json });
  }

  /**
   * Brings the rules resolution uses up to the database's version. In `tx` when given, so
   * a batch resolves by the rules its own transaction reads.
   */
  async refresh(tx?: Tx): Promise<void> {
    const params = { version: int(this.version) };
    const rows = tx
      ? (await tx.run<Since>(MATCH_RULES_SINCE, params)).records.map((r) => r.toObject())
      : await this.executor.readRows<Since>(MATCH_RULES_SINCE, params);
    if (rows[0]) this.apply(rows[0]);
  }

  /** The rules as the database holds them now (and, from now on, as this process resolves by them). */
  async rules(): Promise<MatchRule[]> {
    await this.refresh();
    return [...this.resolution.current.rules];
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
    const json = JSON.stringify(parsed.data);
    const version = await this.executor.write(async (tx) => {
      const written = (await tx.run<{ version: number }>(WRITE_MATCH_RULES, { json, by: actor.id })).records[0]!.get('version');
      await appendAudit(tx, actor, [{ operation: 'rules.set', detail: { rules: parsed.data.map((r) => r.name).join(','), version: Number(written) } }]);
      return Number(written);
    });
    this.apply({ version, json });
    return parsed.data;
  }

  get model(): Model {
    return this.resolution.current.model;
  }

  /** Another version than the one held (newer, or a database emptied and seeded again): its rules replace them. */
  private apply(row: Since): void {
    const version = Number(row.version);
    if (row.json === null || version === this.version) return;
    this.resolution.use({ rules: matchRulesSchema.shape.rules.parse(JSON.parse(row.json)) });
    this.version = version;
  }
}

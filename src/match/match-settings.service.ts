import { readFile } from 'node:fs/promises';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { defaultModel } from './default-model.ts';
import { MATCH_MODEL_INFO, MATCH_RULES_SINCE, SEED_MATCH_RULES, TRAINED_MODEL_JSON, WRITE_MATCH_MODEL, WRITE_MATCH_RULES } from './match-settings.cypher.ts';
import { defaultMatchRules, matchRulesSchema, type MatchRule } from './match-rules.ts';
import { loadModel, type Model } from './model.ts';
import type { ResolutionService } from './resolution.service.ts';

/** The model a process resolves with: the file named in MATCH_MODEL_PATH, or the shipped default. */
export async function loadActiveModel(path: string | undefined): Promise<Model> {
  if (!path) return defaultModel();
  return loadModel(JSON.parse(await readFile(path, 'utf8')));
}

type Since = { version: number; json: string | null; modelVersion?: number; modelJson?: string | null };
export type ModelInfo = { version: string; source: 'database' | 'configuration' | 'shipped'; updatedAt: string | null; updatedBy: string | null };

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
  /** The version of the database's model record `resolution` holds; 0 while none is in use. */
  private modelVersion = 0;
  /** A model given by this process's configuration (MATCH_MODEL_PATH) wins over the database's. */
  private readonly modelPinned: boolean;

  constructor(executor: GraphExecutor, resolution: ResolutionService, options: { modelPinned?: boolean } = {}) {
    this.executor = executor;
    this.resolution = resolution;
    this.modelPinned = options.modelPinned ?? false;
  }

  /** Seeds the default rules once and loads what the database holds into resolution. */
  async load(): Promise<void> {
    const [row] = await this.executor.writeRows<{ json: string; version: number }>(SEED_MATCH_RULES, { json: JSON.stringify(defaultMatchRules()) });
    this.apply({ version: Number(row!.version), json: row!.json });
    await this.refresh();
  }

  /**
   * Brings the rules resolution uses up to the database's version. In `tx` when given, so
   * a batch resolves by the rules its own transaction reads.
   */
  async refresh(tx?: Tx): Promise<void> {
    const params = { version: int(this.version), modelVersion: int(this.modelVersion) };
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

  /**
   * Puts a model in use for every process on this database (those whose configuration
   * names none): the model a re-resolution applied, or a trained one by version. Audited
   * when it changes the model in use.
   */
  async useModel(model: Model, actor: Actor, reason: string | null = null): Promise<ModelInfo> {
    const row = await this.executor.write(async (tx) => {
      const [written] = (await tx.run(WRITE_MATCH_MODEL, { json: JSON.stringify(model), modelVersion: model.version, by: actor.id })).records;
      if (written!.get('changed')) await appendAudit(tx, actor, [{ operation: 'model.set', reason, detail: { modelVersion: model.version } }]);
      return { version: Number(written!.get('version')) };
    });
    if (!this.modelPinned) {
      this.resolution.use({ model });
      this.modelVersion = row.version;
    }
    return this.modelInfo();
  }

  /**
   * After a re-resolution: the model it applied is put in use, unless it is the one in use
   * already (the database's, or the shipped model while the database names none).
   */
  async applied(model: Model, actor: Actor): Promise<void> {
    const [row] = await this.executor.readRows<{ version: string | null }>(MATCH_MODEL_INFO);
    if ((row?.version ?? defaultModel().version) === model.version) return;
    await this.useModel(model, actor, 'applied by a re-resolution');
  }

  /** A model a TRAIN job stored, by version, put in use (it passed the trainer's checks when stored). */
  async useTrainedModel(version: string, actor: Actor, reason: string): Promise<ModelInfo> {
    const [row] = await this.executor.readRows<{ json: string }>(TRAINED_MODEL_JSON, { version });
    if (!row) throw new DomainError('NOT_FOUND', 'Unknown trained model', { clientMessage: 'No trained model has this version (train one with startJob(kind: TRAIN))', field: ['version'] });
    return this.useModel(loadModel(JSON.parse(row.json)), actor, reason);
  }

  /** The model this process resolves with, and where it comes from. */
  async modelInfo(): Promise<ModelInfo> {
    await this.refresh();
    const [row] = await this.executor.readRows<{ version: string | null; updatedAt: string | null; updatedBy: string | null }>(MATCH_MODEL_INFO);
    const version = this.resolution.current.model.version;
    if (this.modelPinned) return { version, source: 'configuration', updatedAt: null, updatedBy: null };
    if (row?.version === version) return { version, source: 'database', updatedAt: row.updatedAt, updatedBy: row.updatedBy };
    return { version, source: 'shipped', updatedAt: null, updatedBy: null };
  }

  /** Another version than the one held (newer, or a database emptied and seeded again): its rules (and model) replace them. */
  private apply(row: Since): void {
    const version = Number(row.version);
    if (row.json !== null && version !== this.version) {
      this.resolution.use({ rules: matchRulesSchema.shape.rules.parse(JSON.parse(row.json)) });
      this.version = version;
    }
    if (this.modelPinned) return;
    const modelVersion = Number(row.modelVersion ?? 0);
    if (row.modelJson && modelVersion !== this.modelVersion) {
      this.resolution.use({ model: loadModel(JSON.parse(row.modelJson)) });
      this.modelVersion = modelVersion;
    } else if (modelVersion === 0 && this.modelVersion !== 0) {
      // The record is gone (a database emptied): back to the shipped model.
      this.resolution.use({ model: defaultModel() });
      this.modelVersion = 0;
    }
  }
}

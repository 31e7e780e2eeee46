import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import { CREATE_KEY, FIND_KEY, LIST_KEYS, REVOKE_KEY, TOUCH_KEY } from './api-key.cypher.ts';
import { hashSecret, newKey, parseKey, secretMatches } from './api-key.ts';
import { parseKeyScope, scopeLabel, type Caller, type KeyScope } from './caller.ts';

/** A key as an admin sees it: never its secret. */
export type ApiKeyInfo = {
  id: string;
  name: string;
  scope: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

export const MAX_KEY_DAYS = 730;
const NAME = /^[\w .:-]{1,80}$/;

const refused = (why: string) => new DomainError('UNAUTHENTICATED', `API key refused: ${why}`, { clientMessage: 'Invalid or expired credentials' });

/** Machine credentials for source systems and enrichment partners. */
export class ApiKeyService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  /** Issues a key; the returned `key` is the only time its secret exists outside the caller's hands. */
  async create(input: { name: string; scope: string; expiresInDays: number }, actor: Actor): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!NAME.test(input.name)) throw new DomainError('BAD_USER_INPUT', 'Bad key name', { clientMessage: 'name must be 1 to 80 letters, digits, spaces or . : _ -', field: ['input', 'name'] });
    const scope = parseKeyScope(input.scope);
    if (!scope) throw new DomainError('BAD_USER_INPUT', 'Bad key scope', { clientMessage: 'scope must be source:NAME or partner:NAME', field: ['input', 'scope'] });
    if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_KEY_DAYS) {
      throw new DomainError('BAD_USER_INPUT', 'Bad key expiry', { clientMessage: `expiresInDays must be 1 to ${MAX_KEY_DAYS}`, field: ['input', 'expiresInDays'] });
    }
    const key = newKey();
    const expiresAt = Date.now() + input.expiresInDays * 86_400_000;
    await this.executor.write(async (tx) => {
      await tx.run(CREATE_KEY, { id: key.id, hash: hashSecret(key.secret), name: input.name, scope: scopeLabel(scope), createdBy: actor.id, expiresAt: int(expiresAt) });
      await appendAudit(tx, actor, [{ operation: 'key.create', detail: { keyId: key.id, scope: scopeLabel(scope), expiresInDays: input.expiresInDays } }]);
    });
    const info = (await this.list()).find((k) => k.id === key.id)!;
    return { key: key.text, info };
  }

  async list(): Promise<ApiKeyInfo[]> {
    return this.executor.readRows<ApiKeyInfo>(LIST_KEYS);
  }

  async revoke(id: string, actor: Actor): Promise<ApiKeyInfo> {
    const rows = await this.executor.write(async (tx) => {
      const result = await tx.run<ApiKeyInfo>(REVOKE_KEY, { id });
      if (result.records.length > 0) await appendAudit(tx, actor, [{ operation: 'key.revoke', detail: { keyId: id } }]);
      return result.records.map((r) => r.toObject());
    });
    if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No such key', { clientMessage: 'No API key has this id', field: ['id'] });
    return rows[0]!;
  }

  /** The caller a presented key stands for; UNAUTHENTICATED for an unknown, wrong, revoked or expired key. */
  async authenticate(text: string): Promise<Caller & { kind: 'key' }> {
    const parts = parseKey(text);
    if (!parts) throw refused('malformed');
    const [row] = await this.executor.readRows<{ hash: string; scope: string; expiresAt: number; revoked: boolean; lastUsedAt: number | null }>(FIND_KEY, { id: parts.id });
    if (!row || !secretMatches(parts.secret, row.hash)) throw refused('unknown');
    if (row.revoked) throw refused('revoked');
    const now = Date.now();
    if (row.expiresAt <= now) throw refused('expired');
    const scope: KeyScope | null = parseKeyScope(row.scope);
    if (!scope) throw refused('stored scope unreadable');
    if (row.lastUsedAt === null || row.lastUsedAt < now - 60_000) await this.executor.writeRows(TOUCH_KEY, { id: parts.id, now: int(now) });
    return { kind: 'key', id: `key:${parts.id}`, scope };
  }
}

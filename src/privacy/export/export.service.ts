import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../audit/audit.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { rowsOf, type GraphExecutor, type Tx } from '../../graph/executor.ts';
import type { ValueCodec } from '../codec.ts';
import { ACTIVE_CUSTOMER } from '../requests/request.cypher.ts';
import type { PrivacyRequestService } from '../requests/request.service.ts';
import { checkKind, checkTransition, exportKinds } from '../requests/request.ts';
import type { ExportScope, ExportSection, JsonSchema } from './export-section.ts';
import { EXPORT_SCOPE, IDENTIFIER_KEYS } from './export.cypher.ts';
import { builtInSections } from './sections.ts';

export const EXPORT_FORMAT = 'identity-graph.privacy-export';
export const EXPORT_VERSION = 1;

export type PrivacyExportModel = { requestId: string; customerId: string; generatedAt: string; document: Record<string, unknown> };

/**
 * Access and portability (GDPR Art. 15, 20): everything held about a person as one JSON
 * document, section by section (export-section.ts), read in one read transaction so the
 * document is one consistent snapshot; the request is completed in the write after it.
 */
export class PrivacyExportService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly requests: PrivacyRequestService;
  private readonly sections: ExportSection[] = builtInSections();

  constructor(executor: GraphExecutor, codec: ValueCodec, requests: PrivacyRequestService) {
    this.executor = executor;
    this.codec = codec;
    this.requests = requests;
  }

  /** Adds a kind of data (consent, say): it appears in every export and in the schema from then on. */
  register(section: ExportSection): void {
    if (this.sections.some((s) => s.name === section.name)) throw new DomainError('INTERNAL', `Export section ${section.name} registered twice`);
    this.sections.push(section);
  }

  /** The sections in document order (the completeness test reads their omissions). */
  registered(): readonly ExportSection[] {
    return this.sections;
  }

  /** The JSON Schema (draft-07) of the document. */
  schema(): JsonSchema {
    return exportSchema(this.sections);
  }

  async exportFor(requestId: string, actor: Actor): Promise<PrivacyExportModel> {
    const request = await this.requests.get(requestId);
    checkKind(request.kind, exportKinds, 'be answered with an export');
    // Nothing is read before the requester is verified.
    checkTransition(request.status, 'COMPLETED');
    const generatedAt = new Date().toISOString();
    const { scope, sections } = await this.executor.read(async (tx) => {
      const scope = await scopeOf(tx, request.customerId, requestId);
      const reader = { tx, codec: this.codec };
      const sections: Record<string, unknown[]> = {};
      for (const section of this.sections) sections[section.name] = await section.collect(reader, scope);
      return { scope, sections };
    });
    const counts = Object.fromEntries(Object.entries(sections).map(([name, items]) => [name, items.length]));
    await this.executor.write(async (tx) => {
      await this.requests.stepInTx(tx, requestId, { to: 'COMPLETED', step: 'exported', note: `${Object.values(counts).reduce((a, b) => a + b, 0)} items`, kinds: exportKinds }, actor);
      await appendAudit(tx, actor, [{ operation: 'privacy.export', customerIds: scope.customerIds, detail: { requestId, ...counts } }]);
    });
    return {
      requestId,
      customerId: scope.customerId,
      generatedAt,
      document: { format: EXPORT_FORMAT, version: EXPORT_VERSION, requestId, generatedAt, subject: { customerId: scope.customerId, customerIds: scope.customerIds }, sections },
    };
  }
}

/** The customer a request names now (it may have been merged since), everything merged into it, its records and identifiers. */
export async function scopeOf(tx: Tx, customerId: string, requestId: string): Promise<ExportScope> {
  const [active] = rowsOf<{ id: string }>(await tx.run(ACTIVE_CUSTOMER, { id: customerId }));
  if (!active) throw new DomainError('NOT_FOUND', 'The customer of the request is gone', { clientMessage: 'The customer this request names no longer exists', field: ['requestId'] });
  const [row] = rowsOf<{ id: string; merged: string[]; records: Array<{ key: string; source: string; sourceRecordId: string }>; since: string }>(await tx.run(EXPORT_SCOPE, { id: active.id }));
  const recordKeys = row!.records.map((r) => r.key).sort();
  const identifierKeys = rowsOf<{ key: string }>(await tx.run(IDENTIFIER_KEYS, { keys: recordKeys })).map((r) => r.key).sort();
  return {
    requestId,
    customerId: row!.id,
    customerIds: [row!.id, ...row!.merged.sort()],
    recordKeys,
    identifierKeys,
    sourceRecords: row!.records.map((r) => ({ source: r.source, sourceRecordId: r.sourceRecordId })),
    since: row!.since,
  };
}

/** The document's JSON Schema, from the sections registered. */
export function exportSchema(sections: readonly ExportSection[]): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://identity-graph.local/schemas/privacy-export-v1.json',
    title: 'Everything held about one person (GDPR Art. 15 and 20)',
    type: 'object',
    required: ['format', 'version', 'requestId', 'generatedAt', 'subject', 'sections'],
    additionalProperties: false,
    properties: {
      format: { const: EXPORT_FORMAT },
      version: { const: EXPORT_VERSION },
      requestId: { type: 'string' },
      generatedAt: { type: 'string' },
      subject: {
        type: 'object',
        required: ['customerId', 'customerIds'],
        additionalProperties: false,
        properties: { customerId: { type: 'string' }, customerIds: { type: 'array', items: { type: 'string' }, minItems: 1 } },
      },
      sections: {
        type: 'object',
        required: sections.map((s) => s.name),
        additionalProperties: false,
        properties: Object.fromEntries(sections.map((s) => [s.name, { description: s.description, type: 'array', items: s.itemSchema }])),
      },
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInAdapters } from '../src/ingest/adapters/index.ts';
import { samplePayloads } from '../src/ingest/adapters/samples.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const INGEST_BATCH = `mutation Ingest($source: String!, $records: [JSON!]!) {
  ingestBatch(source: $source, records: $records) { received stored unchanged rejected { position field reason code } }
}`;
const RECORD = `query Record($source: String!, $id: String!) {
  sourceRecord(source: $source, sourceRecordId: $id) {
    source sourceRecordId updatedAt emails phones dateOfBirth
    names { given family full }
    identifiers { type value }
    interactions { source type sourceId subtype status channel currency total lines { sku quantity unitPrice } }
    linkedRecords { source sourceRecordId }
  }
}`;

type RecordView = {
  emails: string[];
  phones: string[];
  identifiers: Array<{ type: string; value: string }>;
  interactions: Array<{ source: string; type: string; sourceId: string; subtype: string | null; channel: string | null; total: number | null; lines: unknown[] | null }>;
  linkedRecords: Array<{ source: string; sourceRecordId: string }>;
};

describe('built-in adapters, end to end through GraphQL into Neo4j', () => {
  let app: TestApp;
  const record = async (source: string, id: string) =>
    (await app.graphql<{ sourceRecord: RecordView | null }>(RECORD, { source, id })).body.data?.sourceRecord ?? null;

  beforeAll(async () => {
    app = await startTestApp();
    for (const adapter of builtInAdapters) {
      const res = await app.graphql<{ ingestBatch: { stored: number; rejected: unknown[] } }>(INGEST_BATCH, {
        source: adapter.kind,
        records: samplePayloads[adapter.kind],
      });
      expect(res.body.errors, adapter.kind).toBeUndefined();
      expect(res.body.data?.ingestBatch.rejected, adapter.kind).toEqual([]);
      expect(res.body.data?.ingestBatch.stored, adapter.kind).toBe(samplePayloads[adapter.kind]!.length);
    }
  });
  afterAll(async () => app.stop());

  it('registers every built-in adapter as a source with its priority', async () => {
    const res = await app.graphql<{ sources: Array<{ name: string; adapter: string; priority: number; builtIn: boolean; recordCount: number }> }>(
      '{ sources { name adapter priority builtIn recordCount } }',
    );
    const byName = new Map(res.body.data!.sources.map((s) => [s.name, s]));
    for (const adapter of builtInAdapters) {
      expect(byName.get(adapter.kind)).toMatchObject({ adapter: adapter.kind, priority: adapter.defaultPriority, builtIn: true });
    }
    expect(byName.get('crm')?.recordCount).toBe(2);
  });

  it('stores a CRM contact with normalized identifiers', async () => {
    const ada = await record('crm', '0035g00000AdaFeAAB');
    expect(ada?.emails).toEqual(['ada.fernwright@example.com', 'ada.f@example.org']);
    expect(ada?.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'email', value: 'ada.fernwright@example.com' },
        { type: 'phone', value: '+442079460011' },
        { type: 'loyalty_number', value: 'LC100234' },
      ]),
    );
  });

  it('hangs an invoice off the billing account it names', async () => {
    const account = await record('billing', 'ACC-20931');
    expect(account?.interactions).toContainEqual(expect.objectContaining({ type: 'invoice', sourceId: 'INV-2024-00042', currency: 'GBP', total: 1249.5 }));
    expect(account?.emails).toEqual(['ada.fernwright@example.com']);
  });

  it('keeps a support ticket as an interaction of its requester, with its category', async () => {
    const requester = await record('support', '9001');
    expect(requester?.interactions).toContainEqual(expect.objectContaining({ type: 'ticket', sourceId: '35436', subtype: 'complaint' }));
  });

  it('lets an anonymous web history follow its cookie once a login ties it to a user', async () => {
    const user = await record('web', 'u-48213');
    expect(user?.identifiers).toContainEqual({ type: 'cookie', value: 'ck-5b2e9d41' });
    expect(user?.interactions.map((i) => i.sourceId)).toContain('msg-7f3a1c');
  });

  it('attaches email events to the subscriber through the address', async () => {
    const subscriber = await record('email', 'b1e6f0c2a9');
    expect(subscriber?.interactions).toContainEqual(expect.objectContaining({ type: 'email_event', subtype: 'click' }));
  });

  it('converts orders of every sales channel into one order model', async () => {
    const webshop = await record('webshop', '7001');
    const order = webshop?.interactions.find((i) => i.type === 'order');
    expect(order).toMatchObject({ channel: 'web_shop', total: 13 });
    expect(order?.lines).toContainEqual({ sku: 'SKU-TEA-01', quantity: 2, unitPrice: 6.5 });
    // A till receipt carries only the loyalty card, which the CRM contact also has.
    const crm = await record('crm', '0035g00000AdaFeAAB');
    expect(crm?.interactions).toContainEqual(expect.objectContaining({ type: 'order', channel: 'point_of_sale', source: 'pos' }));
    const channels = await app.executor.readRows<{ channel: string }>("MATCH (i:Interaction {type: 'order'}) RETURN DISTINCT i.channel AS channel ORDER BY channel");
    expect(channels.map((r) => r.channel)).toEqual(['marketplace', 'point_of_sale', 'web_shop']);
  });

  it('links records of one person across sources through shared identifiers', async () => {
    const ada = await record('crm', '0035g00000AdaFeAAB');
    const linked = ada?.linkedRecords.map((r) => `${r.source}:${r.sourceRecordId}`);
    expect(linked).toEqual(expect.arrayContaining(['billing:ACC-20931', 'support:9001', 'web:u-48213', 'email:b1e6f0c2a9', 'webshop:7001']));
    expect(linked).not.toContain('crm:0035g00000CyOakAAB');
  });

  it('finds records by an identifier given in any format', async () => {
    const res = await app.graphql<{ identifier: { type: string; value: string; records: Array<{ source: string }> } }>(
      '{ identifier(type: "phone", value: "020 7946 0011") { type value records { source } } }',
    );
    expect(res.body.data?.identifier).toBeNull();
    const intl = await app.graphql<{ identifier: { value: string; records: Array<{ source: string }> } }>(
      '{ identifier(type: "phone", value: "+44 (0)20 7946 0011") { value records { source } } }',
    );
    expect(intl.body.data?.identifier?.value).toBe('+442079460011');
    // The CRM contact, the billing account and a web-shop billing address carry this number.
    expect(intl.body.data?.identifier?.records.map((r) => r.source).sort()).toEqual(['billing', 'crm', 'webshop']);
  });
});

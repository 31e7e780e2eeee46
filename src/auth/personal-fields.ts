import type { StaffRole } from './caller.ts';
import { mask, type MaskKind } from './mask.ts';

/**
 * Every GraphQL field that returns a personal value, and how its value is masked. This
 * list drives both masking and the audit of personal reads (personal-read.middleware.ts);
 * a test walks the schema and fails on a personal-looking field missing from it.
 *
 * `class` decides who sees the value in clear: `name` values are clear to agents,
 * `contact` values (how to reach or identify the person) only once the agent has
 * verified the caller (verifyCaller).
 */
export type PersonalClass = 'name' | 'contact';

/** The shape of the field's value, so the mask reaches the personal strings inside it. */
export type PersonalShape =
  | 'string'
  | 'strings'
  | 'golden-value'
  | 'golden-list'
  | 'golden-addresses'
  | 'kept-values'
  | 'person-names'
  | 'postal-addresses'
  | 'attribute-value'
  /** A JSON object of attribute name -> value (partner enrichment): names stay, every value is masked. */
  | 'attribute-map'
  /** An identity graph node's label: only its personal part (parent.personal: prefix, value, mask kind) is masked. */
  | 'graph-label'
  | 'json';

export type PersonalField = {
  class: PersonalClass;
  shape: PersonalShape;
  kind: MaskKind;
  /** Roles that see this field in clear beyond those of its class (marketers, for the contacts of an export). */
  clearTo?: readonly StaffRole[];
};

/** Where a field's owner (the customer it describes) is found, for verification. */
export type OwnerSource = 'golden' | 'record' | 'identifier' | 'attribute-change' | 'enrichment' | 'none';

export const personalTypes: Record<string, { owner: OwnerSource; fields: Record<string, PersonalField> }> = {
  GoldenProfile: {
    owner: 'golden',
    fields: {
      givenName: { class: 'name', shape: 'golden-value', kind: 'text' },
      middleName: { class: 'name', shape: 'golden-value', kind: 'text' },
      familyName: { class: 'name', shape: 'golden-value', kind: 'text' },
      fullName: { class: 'name', shape: 'golden-value', kind: 'text' },
      legalNames: { class: 'name', shape: 'kept-values', kind: 'text' },
      dateOfBirth: { class: 'contact', shape: 'golden-value', kind: 'date' },
      emails: { class: 'contact', shape: 'golden-list', kind: 'email' },
      phones: { class: 'contact', shape: 'golden-list', kind: 'phone' },
      addresses: { class: 'contact', shape: 'golden-addresses', kind: 'redacted' },
      identifiers: { class: 'contact', shape: 'kept-values', kind: 'identifier' },
    },
  },
  SourceRecord: {
    owner: 'record',
    fields: {
      names: { class: 'name', shape: 'person-names', kind: 'text' },
      emails: { class: 'contact', shape: 'strings', kind: 'email' },
      phones: { class: 'contact', shape: 'strings', kind: 'phone' },
      addresses: { class: 'contact', shape: 'postal-addresses', kind: 'redacted' },
      dateOfBirth: { class: 'contact', shape: 'string', kind: 'date' },
    },
  },
  Identifier: {
    owner: 'identifier',
    fields: { value: { class: 'contact', shape: 'string', kind: 'identifier' } },
  },
  // Every identifier of a customer's records (Customer.identifiers): owned by that customer.
  CustomerIdentifier: {
    owner: 'golden',
    fields: { value: { class: 'contact', shape: 'string', kind: 'identifier' } },
  },
  AttributeChange: {
    owner: 'attribute-change',
    fields: { value: { class: 'contact', shape: 'attribute-value', kind: 'text' } },
  },
  Enrichment: {
    owner: 'enrichment',
    fields: { attributes: { class: 'contact', shape: 'attribute-map', kind: 'redacted' } },
  },
  RejectedRecord: {
    owner: 'none',
    fields: { payload: { class: 'contact', shape: 'string', kind: 'redacted' } },
  },
  // A household's shared address or landline: owned by the members' records that carry it (parent.recordKeys).
  HouseholdEvidence: {
    owner: 'identifier',
    fields: { value: { class: 'contact', shape: 'string', kind: 'redacted' } },
  },
  // Identifier values and household addresses in an identity graph: owned by the records that carry them (parent.recordKeys).
  GraphNode: {
    owner: 'identifier',
    fields: { label: { class: 'contact', shape: 'graph-label', kind: 'redacted' } },
  },
  // An export's contact value (e-mail, phone or postal address): marketers see it in clear, since exporting is what they need it for; every read is audited.
  SegmentContact: {
    owner: 'golden',
    fields: { value: { class: 'contact', shape: 'string', kind: 'redacted', clearTo: ['marketer'] } },
  },
  // A consent decision's evidence (a recording id, a form id): a reference that can lead to the person, so a contact detail.
  ConsentHistoryEntry: {
    owner: 'golden',
    fields: { evidence: { class: 'contact', shape: 'string', kind: 'redacted' } },
  },
  // An access export: everything held about the customer, read by privacy officers (and admins) only; audited as a read of the profile.
  PrivacyExport: {
    owner: 'golden',
    fields: { document: { class: 'contact', shape: 'json', kind: 'redacted' } },
  },
  // The value a record was stored without (a date, an e-mail, a phone...): owned by its record.
  DataQualityIssue: {
    owner: 'record',
    fields: { raw: { class: 'contact', shape: 'string', kind: 'redacted' } },
  },
};

export const personalFieldOf = (typeName: string, fieldName: string): PersonalField | undefined => personalTypes[typeName]?.fields[fieldName];

type Obj = Record<string, unknown>;
const maskString = (kind: MaskKind, value: unknown): unknown => (typeof value === 'string' ? mask(kind, value) : value);
const maskAddress = (address: Obj): Obj => ({
  ...address,
  lines: Array.isArray(address['lines']) ? (address['lines'] as unknown[]).map(() => '***') : address['lines'],
  city: address['city'] == null ? null : '***',
  region: address['region'] == null ? null : '***',
  postcode: maskString('postcode', address['postcode']),
});
const masks: Record<PersonalShape, (field: PersonalField, value: unknown, parent: Obj) => unknown> = {
  string: (f, v) => maskString(f.kind, v),
  strings: (f, v) => (Array.isArray(v) ? v.map((s) => maskString(f.kind, s)) : v),
  'golden-value': (f, v) => (v && typeof v === 'object' ? { ...(v as Obj), value: maskString(f.kind, (v as Obj)['value']) } : v),
  'golden-list': (f, v) => (Array.isArray(v) ? v.map((item: Obj) => ({ ...item, value: maskString(f.kind, item['value']) })) : v),
  'golden-addresses': (_f, v) =>
    Array.isArray(v)
      ? v.map((item: Obj) => {
          const address = maskAddress(item['address'] as Obj);
          const country = typeof address['country'] === 'string' ? `, ${String(address['country'])}` : '';
          return { ...item, address, value: `***${country}` };
        })
      : v,
  'kept-values': (f, v) => (Array.isArray(v) ? v.map((item: Obj) => ({ ...item, value: maskString(f.kind, item['value']) })) : v),
  'person-names': (_f, v) =>
    Array.isArray(v) ? v.map((name: Obj) => Object.fromEntries(Object.entries(name).map(([k, s]) => [k, maskString('text', s)]))) : v,
  'postal-addresses': (_f, v) => (Array.isArray(v) ? v.map((a: Obj) => maskAddress(a)) : v),
  'attribute-value': (_f, v, parent) => {
    const attribute = String(parent['attribute'] ?? '');
    const kind: MaskKind = attribute === 'email' ? 'email' : attribute === 'phone' ? 'phone' : attribute === 'dateOfBirth' ? 'date' : attribute === 'address' ? 'redacted' : 'text';
    return maskString(kind, v);
  },
  'attribute-map': (f, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).map((name) => [name, mask(f.kind, String((v as Obj)[name]))])) : null,
  'graph-label': (_f, v, parent) => {
    const personal = parent['personal'] as { prefix: string; value: string; kind: MaskKind } | null | undefined;
    return personal ? `${personal.prefix}${mask(personal.kind, personal.value)}` : v;
  },
  json: () => null,
};

/** The field's value as a caller without clear access sees it. */
export const maskValue = (field: PersonalField, value: unknown, parent: Obj): unknown => (value == null ? value : masks[field.shape](field, value, parent));

// The records behind each customer, with their source's trust priority: the input of survivorship.
export const GOLDEN_INPUTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)-[:FROM]->(s:Source)
WITH c, id, r, s ORDER BY r.key
RETURN id, c.status AS status, c.golden AS golden, c.pins AS pins,
       collect(CASE WHEN r IS NULL THEN null ELSE {key: r.key, source: r.source, sourceRecordId: r.sourceRecordId,
                    updatedAt: r.updatedAt, attrs: r.attrs, priority: s.priority, defaultCountry: s.defaultCountry} END) AS records`;

export const WRITE_GOLDEN = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
SET c.golden = row.golden, c.goldenAt = datetime(), c.updatedAt = datetime()`;

// One node per changed attribute: the attribute's history, for auditors. The value goes
// through the codec like every personal value; the audit trail names only the field.
export const WRITE_GOLDEN_CHANGES = `
UNWIND $rows AS row
CREATE (:GoldenChange {customerId: row.customerId, attribute: row.attribute, at: datetime(), value: row.value,
                       recordKey: row.recordKey, source: row.source, rule: row.rule, actor: row.actor, role: row.role})`;

export const GOLDEN_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, c.golden AS golden`;

export const SET_PINS = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
SET c.pins = $pins
RETURN c.id AS id`;

export const ATTRIBUTE_HISTORY = `
UNWIND $ids AS id
MATCH (g:GoldenChange {customerId: id, attribute: $attribute}) USING INDEX SEEK g:GoldenChange(customerId, attribute)
RETURN g.customerId AS customerId, g.attribute AS attribute, toString(g.at) AS at, g.value AS value,
       g.recordKey AS recordKey, g.source AS source, g.rule AS rule, g.actor AS actor, g.role AS role
ORDER BY g.at, g.customerId`;

// The review queue is one item per pair of customers: every open review pair between
// records of two different customers, not ruled apart by a steward, grouped by the two
// customer ids. The queries below share the grouping (ITEM_OF_PAIRS) and differ in where
// the pairs come from: all open reviews (through the (decision, status) index: the
// planner sometimes scanned every record instead), or those between two given customers.

// Rows m, a, b, customers ([smaller id, larger id]) in; one row per item out. An item's
// assignee is the latest assignment made to any of its pairs (unassigning is one too):
// assignments live on the pairs, so they follow the pairs when a customer is merged.
const ITEM_OF_PAIRS = `
WITH customers, max(m.probability) AS probability, min(m.decidedAt) AS createdAt,
     collect({aKey: a.key, bKey: b.key, aSource: a.source, bSource: b.source, probability: m.probability, modelVersion: m.modelVersion,
              decidedAt: toString(m.decidedAt), heldBack: m.heldBack, blockedBy: m.blockedBy, assignee: m.assignee, assignedAt: m.assignedAt}) AS pairs
WITH customers, probability, toString(createdAt) AS createdAt, pairs,
     reduce(latest = null, p IN pairs | CASE WHEN p.assignedAt IS NOT NULL AND (latest IS NULL OR p.assignedAt > latest.assignedAt) THEN p ELSE latest END) AS latest
WITH customers[0] + ':' + customers[1] AS id, customers, probability, createdAt, pairs, latest.assignee AS assignee, toString(latest.assignedAt) AS assignedAt`;

const ITEM_COLUMNS = `
RETURN id, customers[0] AS a, customers[1] AS b, probability, createdAt, assignee, assignedAt,
       [p IN pairs | p {.aKey, .bKey, .probability, .modelVersion, .decidedAt, .heldBack, .blockedBy}] AS pairs`;

const OPEN_REVIEW_PAIRS = `
MATCH (a)-[m:MATCHED {decision: 'review', status: 'open'}]->(b) USING INDEX SEEK m:MATCHED(decision, status)
MATCH (a)-[:BELONGS_TO]->(ca:Customer), (b)-[:BELONGS_TO]->(cb:Customer)
WHERE ca <> cb AND NOT EXISTS { (a)-[:CANNOT_LINK]-(b) }
WITH m, a, b, CASE WHEN ca.id < cb.id THEN [ca.id, cb.id] ELSE [cb.id, ca.id] END AS customers`;

// Filtered by the item's best probability, its age (its oldest pair), the source of any of
// its records and its assignee; ordered by score or age, then id, and paged by keyset
// (`$after` holds the last item's sort values), so a page never skips an item when
// earlier ones are decided meanwhile. decidedAt is stored as an ISO string: compared as a datetime.
export const REVIEW_ITEMS = `${OPEN_REVIEW_PAIRS}
${ITEM_OF_PAIRS}
WHERE ($minProbability IS NULL OR probability >= $minProbability)
  AND ($maxProbability IS NULL OR probability <= $maxProbability)
  AND ($olderThan IS NULL OR datetime(createdAt) < datetime($olderThan))
  AND ($source IS NULL OR any(p IN pairs WHERE p.aSource = $source OR p.bSource = $source))
  AND ($assignee IS NULL OR assignee = $assignee)
  AND (NOT $unassigned OR assignee IS NULL)
  AND ($after IS NULL OR CASE $order
        WHEN 'AGE' THEN createdAt > $after.createdAt OR (createdAt = $after.createdAt AND (probability < $after.probability OR (probability = $after.probability AND id > $after.id)))
        ELSE probability < $after.probability OR (probability = $after.probability AND id > $after.id) END)
${ITEM_COLUMNS}
ORDER BY CASE WHEN $order = 'AGE' THEN createdAt END ASC, probability DESC, id
LIMIT $first`;

export const REVIEW_STATS = `${OPEN_REVIEW_PAIRS}
WITH customers, count(m) AS pairs, min(m.decidedAt) AS oldest
RETURN count(customers) AS size, sum(pairs) AS pairs, toString(min(oldest)) AS oldest`;

// The open review pairs between two customers, as one item (no row when there are none).
const PAIRS_BETWEEN = `
MATCH (ca:Customer {id: $a}) USING INDEX SEEK ca:Customer(id)
MATCH (cb:Customer {id: $b}) USING INDEX SEEK cb:Customer(id)
MATCH (ca)<-[:BELONGS_TO]-(x:SourceRecord)-[m:MATCHED]-(y:SourceRecord)-[:BELONGS_TO]->(cb)
WHERE m.decision = 'review' AND m.status = 'open' AND NOT EXISTS { (x)-[:CANNOT_LINK]-(y) }
WITH m, startNode(m) AS a, endNode(m) AS b, [ca.id, cb.id] AS customers`;

export const REVIEW_ITEM = `${PAIRS_BETWEEN}
${ITEM_OF_PAIRS}
${ITEM_COLUMNS}`;

export const ITEM_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.status AS status`;

// A record pair as a steward named it: its evidence, the customer of each record, and
// whether a steward already ruled the two apart.
export const REVIEW_PAIR = `
MATCH (a:SourceRecord {key: $a})-[m:MATCHED]->(b:SourceRecord {key: $b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
RETURN m.decision AS decision, m.status AS status, EXISTS { (a)-[:CANNOT_LINK]-(b) } AS apart,
       [(a)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS aCustomer, [(b)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS bCustomer`;

export const SET_REVIEWED = `
UNWIND $pairs AS p
MATCH (a:SourceRecord {key: p.a})-[m:MATCHED]->(b:SourceRecord {key: p.b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
SET m.status = $status, m.reviewedBy = $by, m.reviewedAt = datetime(), m.reviewReason = $reason`;

// An assignment (or, with a null assignee, its removal) on every pair of an item.
export const ASSIGN_PAIRS = `
UNWIND $pairs AS p
MATCH (a:SourceRecord {key: p.a})-[m:MATCHED]->(b:SourceRecord {key: p.b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
SET m.assignee = $assignee, m.assignedAt = datetime(), m.assignedBy = $by`;

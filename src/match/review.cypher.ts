// Open reviews: still in different customers and not ruled apart by a steward. Filtered by
// score, age and source, ordered by score or age. Found through the (decision, status)
// index: the planner sometimes scanned every record instead.
export const REVIEW_ITEMS = `
MATCH (a)-[m:MATCHED {decision: 'review', status: 'open'}]->(b) USING INDEX SEEK m:MATCHED(decision, status)
WHERE ($minProbability IS NULL OR m.probability >= $minProbability)
  AND ($maxProbability IS NULL OR m.probability <= $maxProbability)
  AND ($olderThan IS NULL OR m.decidedAt < datetime($olderThan))
  AND ($source IS NULL OR a.source = $source OR b.source = $source)
  AND NOT EXISTS { (a)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(b) }
  AND NOT EXISTS { (a)-[:CANNOT_LINK]-(b) }
RETURN a.key AS aKey, b.key AS bKey, m.probability AS probability, m.modelVersion AS modelVersion, toString(m.decidedAt) AS decidedAt, m.heldBack AS heldBack
ORDER BY CASE WHEN $order = 'AGE' THEN m.decidedAt END ASC, m.probability DESC, a.key, b.key
LIMIT $first`;

export const REVIEW_STATS = `
MATCH (a)-[m:MATCHED {decision: 'review', status: 'open'}]->(b) USING INDEX SEEK m:MATCHED(decision, status)
WHERE NOT EXISTS { (a)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(b) }
  AND NOT EXISTS { (a)-[:CANNOT_LINK]-(b) }
RETURN count(m) AS size, toString(min(m.decidedAt)) AS oldest`;

export const REVIEW_PAIR = `
MATCH (a:SourceRecord {key: $a})-[m:MATCHED]->(b:SourceRecord {key: $b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
RETURN m.decision AS decision, m.status AS status,
       [(a)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS aCustomer, [(b)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS bCustomer`;

export const SET_REVIEWED = `
MATCH (a:SourceRecord {key: $a})-[m:MATCHED]->(b:SourceRecord {key: $b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
SET m.status = $status, m.reviewedBy = $by, m.reviewedAt = datetime(), m.reviewReason = $reason`;

export const ENSURE_BUILT_IN_SOURCES = `
UNWIND $sources AS src
MERGE (s:Source {name: src.name})
  ON CREATE SET s += src, s.createdAt = datetime(), s.updatedAt = datetime()`;

export const SOURCE_BY_NAME = `
MATCH (s:Source {name: $name})
RETURN s {.name, .adapter, .priority, .description, .defaultCountry, .mapping, .builtIn,
          droppedRejectionCount: coalesce(s.droppedRejectionCount, 0)} AS source`;

export const LIST_SOURCES = `
MATCH (s:Source)
RETURN s {.name, .adapter, .priority, .description, .defaultCountry, .mapping, .builtIn,
          droppedRejectionCount: coalesce(s.droppedRejectionCount, 0)} AS source
ORDER BY s.priority DESC, s.name`;

export const UPSERT_SOURCE = `
MERGE (s:Source {name: $source.name})
  ON CREATE SET s.createdAt = datetime()
SET s += $source, s.updatedAt = datetime()
RETURN s {.name, .adapter, .priority, .description, .defaultCountry, .mapping, .builtIn,
          droppedRejectionCount: coalesce(s.droppedRejectionCount, 0)} AS source`;

export const SOURCE_COUNTS = `
UNWIND $names AS name
RETURN name,
       COUNT { MATCH (r:SourceRecord) WHERE r.source = name } AS records,
       COUNT { MATCH (j:RejectedRecord) WHERE j.source = name AND j.status = 'open' } AS openRejections`;

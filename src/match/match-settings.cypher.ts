// The rules are one versioned record every process reads: a process holding `$version`
// gets back only the version number while the rules are unchanged, the rules when not.
// The active model is a record beside them ({id: 'model'}), absent until a model is put in
// use; the same check returns it when its version changed.
export const MATCH_RULES_SINCE = `
OPTIONAL MATCH (s:MatchSettings {id: 'rules'})
OPTIONAL MATCH (m:MatchSettings {id: 'model'})
WITH s, m, coalesce(s.version, 0) AS version, coalesce(m.version, 0) AS modelVersion
RETURN version, CASE WHEN s IS NULL OR version = $version THEN null ELSE s.json END AS json,
       modelVersion, CASE WHEN m IS NULL OR modelVersion = $modelVersion THEN null ELSE m.json END AS modelJson`;

// Puts a model in use for every process on the database, unless it is the one in use.
export const WRITE_MATCH_MODEL = `
MERGE (m:MatchSettings {id: 'model'})
WITH m, coalesce(m.modelVersion, '') = $modelVersion AS same
SET m.json = CASE WHEN same THEN m.json ELSE $json END,
    m.version = CASE WHEN same THEN m.version ELSE coalesce(m.version, 0) + 1 END,
    m.modelVersion = $modelVersion,
    m.updatedAt = CASE WHEN same THEN m.updatedAt ELSE datetime() END,
    m.updatedBy = CASE WHEN same THEN m.updatedBy ELSE $by END
RETURN m.version AS version, NOT same AS changed`;

export const MATCH_MODEL_INFO = `
OPTIONAL MATCH (m:MatchSettings {id: 'model'})
RETURN m.modelVersion AS version, toString(m.updatedAt) AS updatedAt, m.updatedBy AS updatedBy`;

export const TRAINED_MODEL_JSON = `
MATCH (m:TrainedModel {version: $version}) USING INDEX SEEK m:TrainedModel(version)
RETURN m.json AS json`;

// Each write makes a new version; MERGE locks the node, so two writers count one after the other.
export const WRITE_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
SET s.json = $json, s.version = coalesce(s.version, 0) + 1, s.updatedAt = datetime(), s.updatedBy = $by
RETURN s.version AS version`;

export const SEED_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
  ON CREATE SET s.json = $json, s.version = 1, s.updatedAt = datetime(), s.updatedBy = 'default'
RETURN s.json AS json, coalesce(s.version, 0) AS version`;

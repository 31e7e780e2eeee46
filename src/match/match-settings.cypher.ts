// The rules are one versioned record every process reads: a process holding `$version`
// gets back only the version number while the rules are unchanged, the rules when not.
export const MATCH_RULES_SINCE = `
MATCH (s:MatchSettings {id: 'rules'})
WITH s, coalesce(s.version, 0) AS version
RETURN version, CASE WHEN version = $version THEN null ELSE s.json END AS json`;

// Each write makes a new version; MERGE locks the node, so two writers count one after the other.
export const WRITE_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
SET s.json = $json, s.version = coalesce(s.version, 0) + 1, s.updatedAt = datetime(), s.updatedBy = $by
RETURN s.version AS version`;

export const SEED_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
  ON CREATE SET s.json = $json, s.version = 1, s.updatedAt = datetime(), s.updatedBy = 'default'
RETURN s.json AS json, coalesce(s.version, 0) AS version`;

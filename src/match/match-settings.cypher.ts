export const READ_MATCH_RULES = `MATCH (s:MatchSettings {id: 'rules'}) RETURN s.json AS json`;

export const WRITE_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
SET s.json = $json, s.updatedAt = datetime(), s.updatedBy = $by`;

export const SEED_MATCH_RULES = `
MERGE (s:MatchSettings {id: 'rules'})
  ON CREATE SET s.json = $json, s.updatedAt = datetime(), s.updatedBy = 'default'
RETURN s.json AS json`;

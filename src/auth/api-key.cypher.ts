export const CREATE_KEY = `
CREATE (k:ApiKey {id: $id, hash: $hash, name: $name, scope: $scope, createdBy: $createdBy,
                  createdAt: datetime(), expiresAt: datetime({epochMillis: $expiresAt})})
RETURN k.id AS id`;

export const FIND_KEY = `
MATCH (k:ApiKey {id: $id}) USING INDEX SEEK k:ApiKey(id)
RETURN k.hash AS hash, k.scope AS scope, k.expiresAt.epochMillis AS expiresAt,
       k.revokedAt IS NOT NULL AS revoked, k.lastUsedAt.epochMillis AS lastUsedAt`;

/** Last use is written at most once a minute per key: a key used per record must not cost a write per record. */
export const TOUCH_KEY = `
MATCH (k:ApiKey {id: $id}) USING INDEX SEEK k:ApiKey(id)
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt.epochMillis < $now - 60000
SET k.lastUsedAt = datetime({epochMillis: $now})`;

export const LIST_KEYS = `
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.scope AS scope, k.createdBy AS createdBy, toString(k.createdAt) AS createdAt,
       toString(k.expiresAt) AS expiresAt, toString(k.revokedAt) AS revokedAt, toString(k.lastUsedAt) AS lastUsedAt
ORDER BY k.createdAt DESC`;

export const REVOKE_KEY = `
MATCH (k:ApiKey {id: $id}) USING INDEX SEEK k:ApiKey(id)
SET k.revokedAt = coalesce(k.revokedAt, datetime())
RETURN k.id AS id, k.name AS name, k.scope AS scope, k.createdBy AS createdBy, toString(k.createdAt) AS createdAt,
       toString(k.expiresAt) AS expiresAt, toString(k.revokedAt) AS revokedAt, toString(k.lastUsedAt) AS lastUsedAt`;

/**
 * Opens one attempt: finds or creates the agent's verification state for the customer
 * and writes to it before reading it. The write takes the node's write lock, so
 * concurrent attempts by the same agent on the same customer queue here, and each reads
 * the state the one before it committed (no failure is lost). The unique constraint on
 * (agentId, customerId) makes concurrent MERGEs agree on one node.
 */
export const OPEN_ATTEMPT = `
MERGE (v:CallerVerification {agentId: $agentId, customerId: $customerId})
ON CREATE SET v.createdAt = $now, v.failures = []
SET v.lastAttemptAt = $now
RETURN coalesce(v.failures, []) AS failures, v.lockedUntil AS lockedUntil, v.unlockedUntil AS unlockedUntil`;

/** Stores the planned state, in the transaction that opened the attempt. */
export const WRITE_STATE = `
MATCH (v:CallerVerification {agentId: $agentId, customerId: $customerId}) USING INDEX SEEK v:CallerVerification(agentId, customerId)
SET v.failures = $failures, v.lockedUntil = $lockedUntil, v.unlockedUntil = $unlockedUntil`;

/** The customers among $customerIds whose contact details the agent has unlocked at $now. */
export const UNLOCKED_CUSTOMERS = `
UNWIND $customerIds AS customerId
MATCH (v:CallerVerification {agentId: $agentId, customerId: customerId}) USING INDEX SEEK v:CallerVerification(agentId, customerId)
WHERE v.unlockedUntil > $now
RETURN v.customerId AS customerId`;

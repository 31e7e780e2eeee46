// A job is a (:Job) node; while one of a kind is active, a (:JobLock {kind}) node names it
// (`holder`: the job's id, or `sync:...` for a synchronous run such as the resolveAll
// mutation) with the process that works it (`owner`) and until when (`leaseUntil`, on the
// database's clock, so processes need not agree on the time). The unique constraint on
// the lock's kind is what lets exactly one of two concurrent starts through. Every write a
// working process makes checks it still holds the lease: a process that lost it (paused
// past its lease while another took over) cannot commit anything.

const LEASE = 'datetime() + duration({milliseconds: $leaseMs})';

/** A job as the service reads it. */
const JOB_FIELDS = `j {
  .id, .kind, .status, .phase, .processed, .total, .options, .actor, .actorRole, .requestId, .owner, .resumes,
  .cancelRequested, .errorCode, .error, .result,
  createdAt: toString(j.createdAt), startedAt: toString(j.startedAt), finishedAt: toString(j.finishedAt), heartbeatAt: toString(j.heartbeatAt)
} AS job`;

// A lock left by a synchronous run whose process died is taken away here; a job's stale
// lock stays until another process takes the job over (CLAIM_JOB).
export const CREATE_JOB = `
CALL () {
  OPTIONAL MATCH (stale:JobLock {kind: $kind}) USING INDEX SEEK stale:JobLock(kind)
  WITH stale WHERE stale.job IS NULL AND stale.leaseUntil < datetime()
  DELETE stale
}
CREATE (:JobLock {kind: $kind, holder: $id, job: $id, owner: $owner, actor: $actor, since: datetime(), leaseUntil: ${LEASE}})
CREATE (j:Job {id: $id, kind: $kind, status: 'QUEUED', phase: null, processed: 0, total: null, options: $options,
               actor: $actor, actorRole: $role, requestId: $requestId, owner: $owner, resumes: 0, cancelRequested: false,
               createdAt: datetime()})
RETURN ${JOB_FIELDS}`;

export const TAKE_SYNC_LOCK = `
CALL () {
  OPTIONAL MATCH (stale:JobLock {kind: $kind}) USING INDEX SEEK stale:JobLock(kind)
  WITH stale WHERE stale.job IS NULL AND stale.leaseUntil < datetime()
  DELETE stale
}
CREATE (:JobLock {kind: $kind, holder: $holder, job: null, owner: $owner, actor: $actor, since: datetime(), leaseUntil: ${LEASE}})`;

export const RELEASE_SYNC_LOCK = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $holder
DELETE l`;

/** Who holds a kind's lock: for the CONFLICT that names the running job. */
export const LOCK_HOLDER = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
RETURN l.job AS job, l.actor AS actor, toString(l.since) AS since, l.leaseUntil < datetime() AS stale`;

/** Renews the lease (a synchronous run's, or a job's with its progress), if this process holds it. */
export const RENEW_LEASE = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $holder AND l.owner = $owner
SET l.leaseUntil = ${LEASE}
RETURN true AS held`;

export const TOUCH_JOB = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $id AND l.owner = $owner
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
SET l.leaseUntil = ${LEASE}, j.heartbeatAt = datetime(),
    j.status = 'RUNNING', j.startedAt = coalesce(j.startedAt, datetime()),
    j.phase = coalesce($phase, j.phase), j.processed = coalesce($processed, j.processed), j.total = coalesce($total, j.total)
RETURN j.cancelRequested AS cancelRequested`;

// Written in the transaction of the work the page records. MERGE: the driver may run a
// transaction function again after a transient error.
export const SAVE_PAGE = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $id AND l.owner = $owner
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
MERGE (p:JobPage {key: $key})
  ON CREATE SET p.job = $id, p.index = $index
SET p.cursor = $cursor, p.records = $records, p.processed = $processed, p.payload = $payload,
    p.owner = $owner, p.attempt = j.resumes + 1, p.at = datetime(),
    j.processed = $processed, j.heartbeatAt = datetime(), l.leaseUntil = ${LEASE}
MERGE (j)-[:HAS_PAGE]->(p)
RETURN j.cancelRequested AS cancelRequested`;

export const JOB_PAGES = `
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
MATCH (j)-[:HAS_PAGE]->(p:JobPage)
RETURN p.index AS index, p.cursor AS cursor, p.records AS records, p.processed AS processed, p.payload AS payload
ORDER BY p.index`;

/** The page log a job keeps after it finished: which attempt did each page. */
export const PAGE_LOG = `
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
MATCH (j)-[:HAS_PAGE]->(p:JobPage)
RETURN p.index AS index, p.records AS records, p.attempt AS attempt, p.owner AS owner
ORDER BY p.index`;

// Ends a job and frees its kind, if this process still holds it; its pages keep their log
// lines but not their payloads.
export const FINISH_JOB = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $id AND l.owner = $owner
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
DELETE l
SET j.status = $status, j.finishedAt = datetime(), j.startedAt = coalesce(j.startedAt, datetime()), j.heartbeatAt = datetime(),
    j.errorCode = $errorCode, j.error = $error, j.result = $result, j.owner = null
WITH j
CALL (j) {
  MATCH (j)-[:HAS_PAGE]->(p:JobPage)
  SET p.payload = null
}
RETURN ${JOB_FIELDS}`;

/** Gives the lease back at once (a graceful stop): another process may take the job over now. */
export const RELEASE_LEASE = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.holder = $id AND l.owner = $owner
SET l.leaseUntil = datetime()`;

/** Kinds whose job's owner let its lease run out. */
export const STALE_LOCKS = `
UNWIND $kinds AS kind
MATCH (l:JobLock {kind: kind}) USING INDEX SEEK l:JobLock(kind)
WHERE l.job IS NOT NULL AND l.leaseUntil < datetime()
RETURN l.kind AS kind, l.job AS job`;

// The write to the lock comes first so that the lease is read again under the node's
// write lock: of two processes claiming at once, the second sees the first one's lease.
export const CLAIM_JOB = `
MATCH (l:JobLock {kind: $kind}) USING INDEX SEEK l:JobLock(kind)
SET l.claiming = true
REMOVE l.claiming
WITH l WHERE l.job = $id AND l.leaseUntil < datetime()
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
SET l.owner = $owner, l.leaseUntil = ${LEASE},
    j.owner = $owner, j.resumes = j.resumes + 1, j.heartbeatAt = datetime()
RETURN ${JOB_FIELDS}`;

export const JOB_BY_ID = `
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
RETURN ${JOB_FIELDS}`;

// Newest first, seeking the createdAt index in its order: a listing reads about `first`
// jobs, however many there are, when it filters nothing out.
export const LIST_JOBS = `
MATCH (j:Job) USING INDEX SEEK j:Job(createdAt)
WHERE j.createdAt <= datetime() AND ($kind IS NULL OR j.kind = $kind) AND ($status IS NULL OR j.status = $status)
WITH j ORDER BY j.createdAt DESC LIMIT $first
RETURN ${JOB_FIELDS}`;

/** A cancel request, unless the job finished or has begun writing what it cannot take back. */
export const REQUEST_CANCEL = `
MATCH (j:Job {id: $id}) USING INDEX SEEK j:Job(id)
WHERE j.status IN ['QUEUED', 'RUNNING'] AND NOT coalesce(j.phase, '') IN $committedPhases
SET j.cancelRequested = true
RETURN ${JOB_FIELDS}`;

export const STORE_TRAINED_MODEL = `
MERGE (m:TrainedModel {version: $version})
  ON CREATE SET m.json = $json, m.job = $job, m.createdAt = datetime()`;

export const TRAINED_MODEL = `
MATCH (m:TrainedModel {version: $version}) USING INDEX SEEK m:TrainedModel(version)
RETURN m.json AS json`;

export const RECORD_COUNT = `MATCH (r:SourceRecord) RETURN count(r) AS n`;

// Retention (job-retention.ts): finished jobs older than the cutoff, their pages first,
// at most $batch nodes a statement. A job finishes no earlier than it was created, so the
// createdAt index finds the candidates.
const FINISHED_BEFORE = `
MATCH (j:Job) USING INDEX SEEK j:Job(createdAt)
WHERE j.createdAt < datetime($cutoff) AND j.status IN $finished AND j.finishedAt < datetime($cutoff)`;

export const DELETE_FINISHED_JOB_PAGES = `${FINISHED_BEFORE}
MATCH (j)-[:HAS_PAGE]->(p:JobPage)
WITH p LIMIT $batch
DETACH DELETE p
RETURN count(*) AS deleted`;

export const DELETE_FINISHED_JOBS = `${FINISHED_BEFORE}
  AND NOT EXISTS { (j)-[:HAS_PAGE]->(:JobPage) }
WITH j LIMIT $batch
DETACH DELETE j
RETURN count(*) AS deleted`;

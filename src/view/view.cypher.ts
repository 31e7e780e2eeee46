// A customer's derived read properties (search tokens, segment properties) and the version
// of the derivations that wrote them (VIEW_VERSION, customer-view.ts), in one SET: a
// customer never carries properties of one version stamped with another. Null removes.
export const WRITE_CUSTOMER_VIEWS = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
SET c.searchNames = row.names, c.searchSounds = row.sounds, c.searchPostcodes = row.postcodes, c.searchDob = row.dob, c.searchTerms = row.terms,
    c.segmentGivenName = row.segmentGivenName, c.segmentFamilyName = row.segmentFamilyName, c.segmentCountry = row.segmentCountry,
    c.segmentPostcode = row.segmentPostcode, c.segmentCity = row.segmentCity,
    c.viewVersion = $version`;

// Every customer, from the count store, and those stamped with this version or a newer
// one (a newer release's process), from the viewVersion index (0022): stale when they
// differ. A missing stamp is not in the index, hence the difference rather than a seek.
export const VIEW_COUNTS = `
CALL () { MATCH (c:Customer) RETURN count(c) AS customers }
CALL () {
  MATCH (c:Customer) USING INDEX c:Customer(viewVersion)
  WHERE c.viewVersion >= $version
  RETURN count(c) AS current
}
RETURN customers, current`;

// The next window of customers by id, whichever their status, each marked stale when its
// stamp is missing or older. Read without locks: STALE_AFTER_LOCK checks again.
export const VIEW_WINDOW = `
MATCH (c:Customer) USING INDEX SEEK c:Customer(id)
WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $size
RETURN c.id AS id, NOT coalesce(c.viewVersion >= $version, false) AS stale`;

// The write lock of each customer (sorted by the caller, as membership locks), then its
// stamp as committed: one a golden refresh restamped meanwhile is left alone. Every writer
// of a customer's golden record or records holds this lock until it commits, so the
// golden record read after it is the one the view must follow.
export const STALE_AFTER_LOCK = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
SET c.lock = true
REMOVE c.lock
WITH c WHERE NOT coalesce(c.viewVersion >= $version, false)
RETURN c.id AS id`;

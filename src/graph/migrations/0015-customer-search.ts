import type { Migration } from './migration.ts';

// Customer search: one full-text index over the tokens GoldenService.refreshInTx writes on
// each customer (searchTokensOf). The tokens are already normalized to lowercase letters
// and digits, so the whitespace analyzer keeps them as they are: no stop words ('will',
// 'an' are names), no stemming. Not eventually consistent: a search right after a write sees it.
// Customers whose golden record was written before this migration get their tokens at
// their next refresh (any ingest, merge, split or re-resolution touching them).
export const customerSearch: Migration = {
  version: 15,
  name: 'customer-search',
  statements: [
    "CREATE FULLTEXT INDEX customer_search IF NOT EXISTS FOR (c:Customer) ON EACH [c.searchNames, c.searchSounds, c.searchPostcodes, c.searchDob] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false}}",
  ],
};

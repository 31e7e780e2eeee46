import type { Migration } from './migration.ts';

// The version of the derivations each customer's read properties were written with
// (viewVersion, VIEW_VERSION in src/view/customer-view.ts): counting the customers stamped
// with the current one reads this index, not every customer, so that each API start can
// tell at once whether a REFRESH_VIEW job is needed. Customers without a stamp (written
// before this release) are not in it; the job finds them by paging over ids.
export const viewVersion: Migration = {
  version: 22,
  name: 'view-version',
  statements: ['CREATE INDEX customer_view_version IF NOT EXISTS FOR (c:Customer) ON (c.viewVersion)'],
};

import { customers } from './0001-customers.ts';
import { ingest } from './0002-ingest.ts';
import { resolution } from './0003-resolution.ts';
import { audit } from './0004-audit.ts';
import { golden } from './0005-golden.ts';
import { mergeMembership } from './0006-merge-membership.ts';
import { access } from './0007-access.ts';
import { rejectionCap } from './0008-rejection-cap.ts';
import { verification } from './0009-verification.ts';
import { enrichment } from './0010-enrichment.ts';
import { dataQuality } from './0011-data-quality.ts';
import { membershipDecisions } from './0012-membership-decisions.ts';
import { jobs } from './0013-jobs.ts';
import { rejectionResolution } from './0014-rejection-resolution.ts';
import { customerSearch } from './0015-customer-search.ts';
import { activitySummaries } from './0016-activity-summaries.ts';
import { relationships } from './0017-relationships.ts';
import { events } from './0018-events.ts';
import { blockedByRule } from './0019-blocked-by-rule.ts';
import { segments } from './0020-segments.ts';
import { retention } from './0021-retention.ts';
import { viewVersion } from './0022-view-version.ts';
import { interactionTypeTime } from './0023-interaction-type-time.ts';
import { consent } from './0026-consent.ts';
import { privacyRequests } from './0027-privacy-requests.ts';
import type { Migration } from './migration.ts';

/** Every migration, oldest first. Append only. */
export const migrations: readonly Migration[] = [customers, ingest, resolution, audit, golden, mergeMembership, access, rejectionCap, verification, enrichment, dataQuality, membershipDecisions, jobs, rejectionResolution, customerSearch, activitySummaries, relationships, events, blockedByRule, segments, retention, viewVersion, interactionTypeTime, consent, privacyRequests];

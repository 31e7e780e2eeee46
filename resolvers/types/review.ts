import type { ReviewDecisionResultResolvers, ReviewItemDecisionResultResolvers, ReviewItemResolvers, ReviewPairResolvers, ReviewReason } from '../../src/generated/graphql.ts';
import { blockingRuleOf } from '../../src/match/blocking.ts';
import { pairKey } from '../../src/match/match.service.ts';
import type { ReviewPairModel } from '../../src/match/review-item.ts';
import { record } from './match.ts';

const REASONS = { 'cluster-size-limit': 'CLUSTER_SIZE_LIMIT', 'weak-bridge': 'WEAK_BRIDGE', restricted: 'RESTRICTED' } as const;
const reasonOf = (pair: ReviewPairModel): ReviewReason => (pair.heldBack ? REASONS[pair.heldBack] : 'UNCERTAIN');

export const ReviewPair: ReviewPairResolvers = {
  a: (pair, _args, ctx) => record(ctx.loaders, pair.aKey),
  b: (pair, _args, ctx) => record(ctx.loaders, pair.bKey),
  reason: reasonOf,
  createdAt: (pair) => pair.decidedAt,
  // The stored via is `rule:key`, and the key holds names and postcodes: only the rule is shown.
  blockedBy: (pair) => (pair.blockedBy ? blockingRuleOf(pair.blockedBy) : null),
  // One batch for every pair of the response (MatchService.explainPairs).
  explanation: (pair, _args, ctx) => ctx.loaders.explanationOf.load(pairKey(pair.aKey, pair.bKey)),
};

export const ReviewItem: ReviewItemResolvers = {
  a: async (item, _args, ctx) => (await ctx.loaders.customerById.load(item.a))!,
  b: async (item, _args, ctx) => (await ctx.loaders.customerById.load(item.b))!,
  reasons: (item) => [...new Set(item.pairs.map(reasonOf))],
};

const OUTCOMES = { merged: 'MERGED', 'already-together': 'ALREADY_TOGETHER', 'kept-apart': 'KEPT_APART', failed: 'FAILED' } as const;

export const ReviewDecisionResult: ReviewDecisionResultResolvers = {
  a: (r, _args, ctx) => record(ctx.loaders, r.a),
  b: (r, _args, ctx) => record(ctx.loaders, r.b),
  outcome: (r) => OUTCOMES[r.status],
  item: (r) => ('item' in r ? r.item : null),
  pairs: (r) => ('pairs' in r ? r.pairs : 0),
  customerId: (r) => ('customerId' in r ? r.customerId : null),
  errorCode: (r) => (r.status === 'failed' ? r.code : null),
  errorMessage: (r) => (r.status === 'failed' ? r.message : null),
};

export const ReviewItemDecisionResult: ReviewItemDecisionResultResolvers = {
  outcome: (r) => OUTCOMES[r.status],
  pairs: (r) => ('pairs' in r ? r.pairs : 0),
  customerId: (r) => ('customerId' in r ? r.customerId : null),
  errorCode: (r) => (r.status === 'failed' ? r.code : null),
  errorMessage: (r) => (r.status === 'failed' ? r.message : null),
};

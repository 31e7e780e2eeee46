import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { attributeOf } from '../attributes.ts';
import { requireId, requireReason } from '../input.ts';

export const openPrivacyRequest: MutationResolvers['openPrivacyRequest'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.open({ kind: args.kind, customerId: requireId(args.customerId, ['customerId']), receivedAt: args.receivedAt ?? null, note: args.note ?? null }, ctx.actor);

export const verifyPrivacyRequester: MutationResolvers['verifyPrivacyRequester'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.verify(requireId(args.id, ['id']), args.method, args.reference, ctx.actor);

export const extendPrivacyRequest: MutationResolvers['extendPrivacyRequest'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.extend(requireId(args.id, ['id']), requireReason(args.reason), ctx.actor);

export const rejectPrivacyRequest: MutationResolvers['rejectPrivacyRequest'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.reject(requireId(args.id, ['id']), requireReason(args.reason), ctx.actor);

export const exportPersonalData: MutationResolvers['exportPersonalData'] = (_parent, args, ctx) => ctx.services.privacyExport.exportFor(requireId(args.requestId, ['requestId']), ctx.actor);

export const erasePerson: MutationResolvers['erasePerson'] = (_parent, args, ctx) => ctx.services.erasure.erase(requireId(args.requestId, ['requestId']), ctx.actor);

export const rectifyPersonalData: MutationResolvers['rectifyPersonalData'] = (_parent, args, ctx) =>
  ctx.services.requestActions.rectify(requireId(args.requestId, ['requestId']), attributeOf(args.attribute), args.value, ctx.actor);

export const restrictProcessing: MutationResolvers['restrictProcessing'] = (_parent, args, ctx) => ctx.services.requestActions.restrict(requireId(args.requestId, ['requestId']), ctx.actor);

export const liftRestriction: MutationResolvers['liftRestriction'] = (_parent, args, ctx) =>
  ctx.services.requestActions.lift(requireId(args.requestId, ['requestId']), requireReason(args.reason), ctx.actor);

export const decideConsentRequest: MutationResolvers['decideConsentRequest'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.decideConsent(requireId(args.requestId, ['requestId']), args.decision, args.note ?? null, ctx.actor);

export const releaseHeldBackRecord: MutationResolvers['releaseHeldBackRecord'] = (_parent, args, ctx) => ctx.services.heldBack.release(requireId(args.id, ['id']), requireReason(args.reason), ctx.actor);

export const discardHeldBackRecord: MutationResolvers['discardHeldBackRecord'] = (_parent, args, ctx) => ctx.services.heldBack.discard(requireId(args.id, ['id']), requireReason(args.reason), ctx.actor);

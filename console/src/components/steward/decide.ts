import { graphql } from '../../gql/index.ts';
import { request } from '../../api.ts';

const ApproveDocument = graphql(`
  mutation StewardApprove($ids: [ID!]!, $reason: String) {
    approveReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }
  }
`);

const RejectDocument = graphql(`
  mutation StewardReject($ids: [ID!]!, $reason: String) {
    rejectReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }
  }
`);

export type Verdict = 'approve' | 'reject';
export type Decided = { ok: boolean; message: string };

/** Decides one review item and says what happened in a sentence for the live region. */
export async function decide(verdict: Verdict, id: string, reason: string): Promise<Decided> {
  const given = reason.trim() || null;
  const [result] =
    verdict === 'approve'
      ? (await request(ApproveDocument, { ids: [id], reason: given })).approveReviewItems
      : (await request(RejectDocument, { ids: [id], reason: given })).rejectReviewItems;
  if (!result) return { ok: false, message: 'The API answered nothing for this item.' };
  switch (result.outcome) {
    case 'MERGED':
      return { ok: true, message: `Approved: the two customers are now ${result.customerId ?? 'one'} (${result.pairs} record pair${result.pairs === 1 ? '' : 's'}).` };
    case 'ALREADY_TOGETHER':
      return { ok: true, message: 'Already one customer: nothing to merge.' };
    case 'KEPT_APART':
      return { ok: true, message: `Rejected: the two customers stay apart (${result.pairs} record pair${result.pairs === 1 ? '' : 's'} ruled apart).` };
    case 'FAILED':
      return { ok: false, message: `Not decided: ${result.errorMessage ?? 'the decision failed'} (${result.errorCode ?? 'FAILED'}).` };
    default: {
      const unreachable: never = result.outcome;
      return { ok: false, message: String(unreachable) };
    }
  }
}

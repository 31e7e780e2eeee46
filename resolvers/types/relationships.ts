import type { CustomerResolvers, GraphNodeKind, GraphNodeResolvers, HouseholdEvidenceResolvers, HouseholdResolvers, OrganisationResolvers } from '../../src/generated/graphql.ts';
import type { CustomerModel } from '../../src/golden/customer.model.ts';

export const CustomerRelationships: Pick<CustomerResolvers, 'household' | 'organisations'> = {
  household: (customer, _args, ctx) => ctx.loaders.householdOf.load(customer.id),
  organisations: (customer, _args, ctx) => ctx.loaders.organisationsOf.load(customer.id),
};

export const Household: HouseholdResolvers = {
  members: async (household, _args, ctx) => {
    const members = await ctx.loaders.customerById.loadMany(household.memberIds);
    return members.filter((m): m is CustomerModel => m != null && !(m instanceof Error));
  },
};

export const HouseholdEvidence: HouseholdEvidenceResolvers = {
  kind: (evidence) => (evidence.kind === 'address' ? 'ADDRESS' : 'LANDLINE'),
};

export const Organisation: OrganisationResolvers = {
  role: (organisation) => (organisation.role === 'account_holder' ? 'ACCOUNT_HOLDER' : 'EMPLOYER'),
};

export const GraphNode: GraphNodeResolvers = {
  kind: (node) => node.kind.toUpperCase() as GraphNodeKind,
};

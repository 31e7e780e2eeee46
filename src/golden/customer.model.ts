/** A customer (golden record) as the service layer hands it to resolvers. */
export type CustomerModel = {
  id: string;
  status: 'active' | 'merged';
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  /** The id that was asked for; differs from `id` when it was merged into this customer. */
  requestedId: string;
};

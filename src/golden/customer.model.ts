/** A customer (golden record) as the service layer hands it to resolvers. */
export type CustomerModel = {
  id: string;
  createdAt: string;
  updatedAt: string;
};

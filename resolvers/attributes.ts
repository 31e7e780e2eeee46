import type { GoldenAttribute as GoldenAttributeEnum } from '../src/generated/graphql.ts';
import type { GoldenAttribute } from '../src/golden/survivorship.ts';

const ATTRIBUTES: Record<GoldenAttributeEnum, GoldenAttribute> = {
  GIVEN_NAME: 'givenName',
  MIDDLE_NAME: 'middleName',
  FAMILY_NAME: 'familyName',
  FULL_NAME: 'fullName',
  DATE_OF_BIRTH: 'dateOfBirth',
  ORGANISATION: 'organisation',
  TITLE: 'title',
  EMAIL: 'email',
  PHONE: 'phone',
  ADDRESS: 'address',
};

/** The golden attribute a GraphQL enum value names. */
export const attributeOf = (value: GoldenAttributeEnum): GoldenAttribute => ATTRIBUTES[value];

/** The GraphQL enum value of a golden attribute. */
export const enumOfAttribute = (attribute: GoldenAttribute): GoldenAttributeEnum =>
  (Object.entries(ATTRIBUTES) as Array<[GoldenAttributeEnum, GoldenAttribute]>).find(([, a]) => a === attribute)![0];

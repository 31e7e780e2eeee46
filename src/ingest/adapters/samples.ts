/**
 * Valid example payloads for each built-in adapter kind, for unit and integration tests.
 * Everyone here is made up: invented names, example.com/example.org addresses and phone
 * numbers from the ranges reserved for fiction (+44 20 7946 0xxx, +1 202 555 01xx).
 * Ada Fernwright appears in most sources (same email, loyalty card, account and cookie)
 * so that identity resolution has something to link; the others each appear once or twice.
 */
export const samplePayloads: Record<string, unknown[]> = {
  crm: [
    {
      attributes: { type: 'Contact', url: '/services/data/v60.0/sobjects/Contact/0035g00000AdaFeAAB' },
      Id: '0035g00000AdaFeAAB', FirstName: 'Ada', MiddleName: 'Maud', LastName: 'Fernwright',
      Email: 'ada.fernwright@example.com', AlternateEmail__c: 'ada.f@example.org', WorkEmail__c: null,
      Phone: '+44 20 7946 0011', MobilePhone: '+44 20 7946 0012', HomePhone: null,
      MailingStreet: '12 Quillfeather Lane\nFlat 3', MailingCity: 'London', MailingState: null,
      MailingPostalCode: 'SW1A 1AA', MailingCountry: 'United Kingdom', Birthdate: '1985-12-10',
      Account: { Name: 'Fernwright Analytical Engines Ltd' }, Title: 'Head of Computation',
      LoyaltyNumber__c: 'LC-100234', LastModifiedDate: '2024-03-05T14:22:10.000+0000',
    },
    {
      Id: '0035g00000CyOakAAB', FirstName: 'Cyrus', MiddleName: null, LastName: 'Oakbridge',
      Email: 'cyrus.oakbridge@example.org', Phone: '+1 202 555 0142', MobilePhone: '',
      MailingStreet: '400 Placeholder Ave', MailingCity: 'Washington', MailingState: 'DC',
      MailingPostalCode: '20001', MailingCountry: 'USA', Birthdate: null, Account: null, Title: null,
      LoyaltyNumber__c: null, LastModifiedDate: '2024-02-29T23:59:59.000-0500',
    },
  ],
  billing: [
    {
      type: 'account', account_number: 'ACC-20931', first_name: 'Ada', last_name: 'Fernwright',
      billing_email: 'ada.fernwright@example.com', phone: '+44 20 7946 0011',
      billing_address: { line1: '12 Quillfeather Lane', line2: 'Flat 3', city: 'London', postal_code: 'SW1A 1AA', country: 'GB' },
      tax_id: null, vat_number: 'GB999999973', customer_number: 'C-778812', updated_at: '2024-03-06T09:00:00Z',
    },
    {
      type: 'account', account_number: 'ACC-20977', legal_name: 'Cyrus T. Oakbridge',
      billing_email: 'billing+cyrus@example.org', phone: null, billing_address: null,
      tax_id: '00-0000001', customer_number: null, updated_at: '2024-01-15T17:45:00-05:00',
    },
    {
      type: 'invoice', invoice_number: 'INV-2024-00042', account_number: 'ACC-20931', issue_date: '2024-03-01',
      total: '1249.50', currency: 'gbp', status: 'overdue', updated_at: '2024-03-31T00:05:00Z',
    },
  ],
  support: [
    {
      ticket: {
        id: 35436, url: 'https://example.zendesk.com/api/v2/tickets/35436.json', status: 'open', category: 'complaint',
        subject: 'My parcel never arrived', created_at: '2024-03-07T10:15:00Z', updated_at: '2024-03-08T08:00:00Z',
        requester: { id: 9001, name: 'Ada Fernwright', email: 'ada.fernwright@example.com', phone: '+44 20 7946 0012' },
      },
    },
    {
      ticket: {
        id: 35501, url: null, status: 'solved', category: 'question', created_at: '2024-03-09T15:00:00-05:00',
        updated_at: '2024-03-09T16:30:00-05:00', requester: { id: 9057, name: 'Cyrus Oakbridge', email: null, phone: '+1 202 555 0142' },
      },
    },
  ],
  web: [
    {
      messageId: 'msg-7f3a1c', type: 'page', anonymousId: 'ck-5b2e9d41', name: 'Home',
      properties: { url: 'https://shop.example.com/?utm_source=newsletter', path: '/' }, timestamp: '2024-03-04T19:01:00.120Z',
    },
    {
      messageId: 'msg-7f3a2d', type: 'identify', anonymousId: 'ck-5b2e9d41', userId: 'u-48213',
      traits: { email: 'ada.fernwright@example.com', firstName: 'Ada', lastName: 'Fernwright', phone: '+44 20 7946 0012' },
      timestamp: '2024-03-04T19:03:12.500Z',
    },
    {
      messageId: 'msg-9c41e0', type: 'track', event: 'Product Viewed', anonymousId: 'a1b2c3d4',
      context: { device: { id: 'dev-IOS-6F2C' }, os: { name: 'iOS' } },
      properties: { product_id: 'SKU-TEA-01', category: 'Tea', url: 'app://products/SKU-TEA-01' }, timestamp: '2024-03-05T07:30:00Z',
    },
  ],
  email: [
    {
      record_type: 'subscriber', subscriber_id: 'b1e6f0c2a9', email_address: 'ada.fernwright@example.com',
      merge_fields: { FNAME: 'Ada', LNAME: 'Fernwright', PHONE: '', BIRTHDAY: '12/10' }, status: 'subscribed',
      last_changed: '2024-02-20T11:00:00+00:00',
    },
    {
      record_type: 'event', event_id: 'ev-0042', subscriber_id: 'b1e6f0c2a9', email_address: 'ada.fernwright@example.com',
      action: 'click', campaign_id: 'cmp-spring-24', url: 'https://shop.example.com/spring?e=ada', timestamp: '2024-03-02 08:15:30',
    },
  ],
  webshop: [
    {
      id: 5678901234, order_number: 1001, email: 'ada.fernwright@example.com', phone: null,
      customer: { id: 7001, first_name: 'Ada', last_name: 'Fernwright', phone: '+44 20 7946 0012' },
      billing_address: {
        first_name: 'Ada', last_name: 'Fernwright', address1: '12 Quillfeather Lane', address2: 'Flat 3', city: 'London',
        zip: 'SW1A 1AA', country: 'United Kingdom', country_code: 'GB', phone: '+44 20 7946 0011',
      },
      shipping_address: {
        first_name: 'Ada', last_name: 'Fernwright', address1: '12 Quillfeather Lane', address2: 'Flat 3', city: 'London',
        zip: 'SW1A 1AA', country: 'United Kingdom', country_code: 'GB',
      },
      line_items: [
        { id: 1, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 2, price: '6.50' },
        { id: 2, variant_id: 43, sku: '', title: 'Gift wrap', quantity: 1, price: '0.00' },
      ],
      total_price: '13.00', currency: 'GBP', financial_status: 'paid',
      created_at: '2024-03-04T19:10:00+00:00', updated_at: '2024-03-04T19:12:30+00:00',
    },
    {
      id: 5678905678, order_number: 1002, email: 'cyrus.oakbridge@example.org',
      customer: { id: 7002, first_name: 'Cyrus', last_name: 'Oakbridge', phone: null },
      billing_address: {
        first_name: 'Cyrus', last_name: 'Oakbridge', address1: '400 Placeholder Ave', city: 'Washington', province: 'DC',
        zip: '20001', country: 'United States', country_code: 'US',
      },
      shipping_address: {
        first_name: 'Nell', last_name: 'Oakbridge', address1: '9 Sample Road', city: 'Arlington', province: 'VA',
        zip: '22201', country_code: 'US',
      },
      line_items: [{ id: 3, variant_id: 77, sku: 'SKU-MUG-02', title: 'Enamel mug', quantity: 1, price: '18.99' }],
      total_price: '18.99', currency: 'USD', financial_status: 'pending',
      created_at: '2024-03-10T12:00:00-05:00', updated_at: '2024-03-10T12:00:05-05:00',
    },
  ],
  pos: [
    {
      ReceiptNo: '000871', StoreId: 'LDN-004', Timestamp: '2024-04-02 09:41:07', UtcOffset: '+01:00', LoyaltyCard: 'LC-100234',
      Items: [
        { Code: 'SKU-TEA-01', Description: 'Earl Grey, 250g', Qty: 1, Amount: 650 },
        { Code: 'BAN-LOOSE', Qty: 0.455, Amount: 198 },
      ],
      TotalCents: 740, Currency: 'GBP',
    },
    {
      ReceiptNo: '004410', StoreId: 'NYC-001', Timestamp: '2024-03-09 18:05:00', UtcOffset: '-05:00', LoyaltyCard: 'LC-200871',
      Items: [{ Code: 'SKU-MUG-02', Description: 'Enamel mug', Qty: 2, Amount: 1899 }], TotalCents: 3798, Currency: 'USD',
    },
  ],
  marketplace: [
    {
      OrderId: '202-1234567-7654321', PurchaseDate: '2024-03-11T08:00:00Z', LastUpdateDate: '2024-03-12T10:30:00Z',
      OrderStatus: 'Shipped',
      BuyerInfo: { BuyerId: 'AMZ-BUYER-MT001', BuyerEmail: 'x7k2mq9d3f@marketplace.example.com', BuyerName: 'Mira Tallowfield' },
      ShippingAddress: {
        Name: 'Mira Tallowfield', AddressLine1: '3 Fictional Street', City: 'Manchester', StateOrRegion: 'Greater Manchester',
        PostalCode: 'M1 1AA', CountryCode: 'GB', Phone: '+44 20 7946 0077',
      },
      OrderTotal: { Amount: '15.99', CurrencyCode: 'GBP' },
      OrderItems: [
        { SellerSKU: 'SKU-TEA-01', Title: 'Earl Grey, 250g', QuantityOrdered: 2, ItemPrice: { Amount: '13.00', CurrencyCode: 'GBP' } },
      ],
    },
    {
      OrderId: '114-7654321-1234567', PurchaseDate: '2024-03-12T21:00:00-07:00', LastUpdateDate: '2024-03-13T02:00:00-07:00',
      OrderStatus: 'Canceled', BuyerInfo: { BuyerId: 'AMZ-BUYER-JP002', BuyerName: 'Jonas Peregrine' },
      ShippingAddress: {
        Name: 'Gift Recipient', AddressLine1: '77 Example Blvd', City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US',
      },
      OrderItems: [
        { SellerSKU: 'SKU-MUG-02', Title: 'Enamel mug', QuantityOrdered: 0, ItemPrice: { Amount: '0.00', CurrencyCode: 'USD' } },
        { SellerSKU: 'SKU-TEA-01', Title: 'Earl Grey, 250g', QuantityOrdered: 1, ItemPrice: { Amount: '8.99', CurrencyCode: 'USD' } },
      ],
    },
  ],
};

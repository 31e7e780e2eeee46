/** The console's pages and the roles each is for; the API enforces the same roles on every field it reads. */
export type PageId = 'agent' | 'steward' | 'graph' | 'audit' | 'segments' | 'privacy';

export const pages: ReadonlyArray<{ id: PageId; title: string; roles: readonly string[] }> = [
  { id: 'agent', title: 'Agent desk', roles: ['admin', 'agent', 'steward', 'privacy_officer'] },
  { id: 'steward', title: 'Steward workbench', roles: ['admin', 'steward'] },
  { id: 'graph', title: 'Identity graph', roles: ['admin', 'steward', 'auditor', 'agent', 'privacy_officer'] },
  { id: 'audit', title: "Auditor's trail", roles: ['admin', 'auditor'] },
  { id: 'segments', title: 'Segments', roles: ['admin', 'marketer'] },
  { id: 'privacy', title: 'Privacy desk', roles: ['admin', 'privacy_officer'] },
];

export const pagesFor = (roles: readonly string[]) => pages.filter((p) => p.roles.some((r) => roles.includes(r)));

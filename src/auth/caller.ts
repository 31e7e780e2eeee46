/** The people who work in the single customer view; what each may do is in permissions.ts. */
export const staffRoles = ['admin', 'steward', 'agent', 'marketer', 'auditor', 'privacy_officer'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const isStaffRole = (value: string): value is StaffRole => (staffRoles as readonly string[]).includes(value);

/** What a machine key is for: ingesting into one source, or enriching as one partner. */
export type KeyScope = { kind: 'source'; source: string } | { kind: 'partner'; partner: string };

/**
 * Who is calling, as authentication established it: a person (a verified token's
 * subject and roles) or a machine (an API key's id and scope). Never taken from headers.
 */
export type Caller =
  | { kind: 'user'; id: string; roles: readonly StaffRole[] }
  | { kind: 'key'; id: string; scope: KeyScope };

export const hasRole = (caller: Caller, ...roles: StaffRole[]): boolean =>
  caller.kind === 'user' && caller.roles.some((role) => roles.includes(role));

/** The role as the audit trail records it: `steward`, `agent,marketer`, `source:crm`, `partner:acme`. */
export function roleLabel(caller: Caller): string {
  if (caller.kind === 'user') return caller.roles.length > 0 ? caller.roles.join(',') : 'none';
  return caller.scope.kind === 'source' ? `source:${caller.scope.source}` : `partner:${caller.scope.partner}`;
}

/** `source:crm` or `partner:acme` as typed by an admin; null when malformed. */
export function parseKeyScope(text: string): KeyScope | null {
  const match = /^(source|partner):([a-z0-9][a-z0-9_-]{0,62})$/.exec(text);
  if (!match) return null;
  return match[1] === 'source' ? { kind: 'source', source: match[2]! } : { kind: 'partner', partner: match[2]! };
}

export const scopeLabel = (scope: KeyScope): string => (scope.kind === 'source' ? `source:${scope.source}` : `partner:${scope.partner}`);

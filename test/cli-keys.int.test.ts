import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('API keys from the command line', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.stop());

  it('issues a key shown once that the API accepts, lists it without its secret, and revokes it', async () => {
    const created = await runCli(['create-key', '--scope', 'source:crm', '--name', 'CRM nightly', '--days', '7']).done;
    expect(created.code).toBe(0);
    const key = /^(igk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const id = key!.slice(4, 20);

    const me = await app.graphql<{ me: { id: string; scope: string } }>('{ me { id scope } }', {}, { 'x-api-key': key! });
    expect(me.body.data?.me).toEqual({ id: `key:${id}`, scope: 'source:crm' });

    const listed = await runCli(['keys']).done;
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(key!.slice(21));

    const revoked = await runCli(['revoke-key', id]).done;
    expect(revoked.code).toBe(0);
    expect((await app.graphql('{ me { id } }', {}, { 'x-api-key': key! })).status).toBe(401);
    // The audit trail names the operator who issued and revoked it.
    const trail = await app.graphql<{ auditTrail: Array<{ operation: string; actor: string }> }>('{ auditTrail(operations: [KEY_CREATE, KEY_REVOKE]) { operation actor } }');
    expect(trail.body.data!.auditTrail.map((e) => e.operation).sort()).toEqual(['KEY_CREATE', 'KEY_REVOKE']);
    expect(trail.body.data!.auditTrail.every((e) => e.actor.startsWith('cli:'))).toBe(true);
  });

  it('refuses a malformed scope with a clear message and exit code', async () => {
    const bad = await runCli(['create-key', '--scope', 'everything', '--name', 'x']).done;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('scope must be source:NAME or partner:NAME');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AuthConfig } from '../../src/config.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { startFakeOidc, type FakeOidc } from '../support/fake-oidc.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// Production sign-in: the console sends the browser to the identity provider with a PKCE
// challenge, exchanges the code it gets back with the verifier, and uses the access token,
// which the API checks against the provider's JWKS. No development token is on offer.
describe('console: OIDC authorization code with PKCE', () => {
  let oidc: FakeOidc;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    oidc = await startFakeOidc({ audience: 'identity-graph-api', clientId: 'console-web', user: { sub: 'ada.auditor', roles: ['auditor'] } });
    const auth: AuthConfig = {
      verifier: { kind: 'jwks', url: oidc.jwksUrl }, issuer: oidc.issuer, audience: 'identity-graph-api', subjectClaim: 'sub', rolesClaim: 'roles',
      devTokens: false, consoleClient: { clientId: 'console-web', scope: 'openid profile' },
    };
    app = await startTestApp({ auth });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await oidc?.stop();
  });

  it('signs in at the issuer with PKCE and shows the pages of the role the API reads from the token', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${app.url}/console/`);
    // No role picker: the provider says who this is.
    expect(await page.getByLabel('Role').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Identity graph', "Auditor's trail"]);
    expect(await page.locator('.who').textContent()).toContain('ada.auditor');
    expect(oidc.exchanges).toEqual([{ clientId: 'console-web', pkce: true }]);
    // The code is gone from the address bar once exchanged.
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('offers no development token when the provider signs people in', async () => {
    const res = await fetch(`${app.url}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin', name: 'mallory' }) });
    expect(res.status).toBe(404);
    expect(await (await fetch(`${app.url}/console/settings.json`)).json()).toMatchObject({ signIn: 'oidc', issuer: oidc.issuer, clientId: 'console-web' });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retryDelay } from './backoff.ts';
import { signatureHeader, verifySignature } from './signing.ts';
import { checkWebhookUrl, isPrivateAddress } from './url-safety.ts';

describe('webhook signing', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 as Stripe does, and a changed body or secret fails', () => {
    const header = signatureHeader('whsec_test', '{"id":"1"}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_test', '{"id":"1"}', header, 300, 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_test', '{"id":"2"}', header, 300, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_other', '{"id":"1"}', header, 300, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_test', '{"id":"1"}', header, 300, 1_700_001_000)).toBe(false);
  });
});

describe('retry backoff', () => {
  it('doubles from the base up to the cap, with full jitter below the ceiling', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, defaultRetryPolicy, top))).toEqual([999, 1_999, 3_999, 7_999]);
    expect(retryDelay(40, defaultRetryPolicy, top)).toBe(3_599_996);
    expect(retryDelay(3, defaultRetryPolicy, () => 0)).toBe(0);
    expect(defaultRetryPolicy.retryForMs).toBeGreaterThan(24 * 3_600_000);
  });
});

describe('outbound URL safety', () => {
  it('takes http(s) only, and refuses loopback and private targets unless allowed', () => {
    expect(() => checkWebhookUrl('ftp://example.com/x', true)).toThrow();
    expect(() => checkWebhookUrl('https://user:pw@example.com/x', true)).toThrow();
    expect(checkWebhookUrl('https://hooks.example.com/x', false).href).toBe('https://hooks.example.com/x');
    for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://[::ffff:192.168.1.1]/x']) {
      expect(() => checkWebhookUrl(url, false), url).toThrow();
      expect(() => checkWebhookUrl(url, true), url).not.toThrow();
    }
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('fd00::1')).toBe(true);
  });
});

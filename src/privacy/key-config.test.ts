import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { encryptingCodec } from './encrypting-codec.ts';
import { keyRingOf, localKeyRing, newKeyFile } from './key-config.ts';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64url');
const blind = randomBytes(32).toString('base64');
const dir = () => mkdtempSync(join(tmpdir(), 'keys-'));

/** The ConfigError loadConfig throws, to check what its message says and never says. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted it');
}

describe('field-encryption keys from the environment', () => {
  it('builds the ring: keys by id, the current one named, the blind-index key', () => {
    const config = loadConfig({ FIELD_ENCRYPTION_KEYS: `k1:${k1}, k2:${k2}`, FIELD_ENCRYPTION_CURRENT_KEY: 'k2', FIELD_BLIND_INDEX_KEY: blind });
    expect(config.encryption.source).toBe('environment');
    const ring = config.encryption.source === 'environment' ? config.encryption.ring() : null;
    expect(ring?.currentKeyId).toBe('k2');
    expect([...ring!.keys.keys()]).toEqual(['k1', 'k2']);
    expect(ring!.keys.get('k2')).toEqual(Buffer.from(k2, 'base64url'));
    const stored = encryptingCodec(ring!).encode('Ada');
    expect(stored.startsWith('enc1.k2.')).toBe(true);
  });

  it('takes the only key as current when none is named', () => {
    const config = loadConfig({ FIELD_ENCRYPTION_KEYS: `solo:${k1}`, FIELD_BLIND_INDEX_KEY: blind });
    expect(config.encryption.source === 'environment' && config.encryption.ring().currentKeyId).toBe('solo');
  });

  it.each([
    ['bad base64', { FIELD_ENCRYPTION_KEYS: `k1:${k1.slice(0, 20)}!!${k1.slice(22)}`, FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_KEYS must give key k1 in base64/],
    ['a 16-byte key', { FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString('base64')}`, FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_KEYS must give key k1 as 32 bytes/],
    ['a short blind-index key', { FIELD_ENCRYPTION_KEYS: `k1:${k1}`, FIELD_BLIND_INDEX_KEY: randomBytes(31).toString('base64') }, /FIELD_BLIND_INDEX_KEY must give the blind-index key as 32 bytes/],
    ['an unknown current key', { FIELD_ENCRYPTION_KEYS: `k1:${k1}`, FIELD_ENCRYPTION_CURRENT_KEY: 'k9', FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_CURRENT_KEY must be one of the key ids/],
    ['two keys and no current one', { FIELD_ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_CURRENT_KEY must be set/],
    ['no blind-index key', { FIELD_ENCRYPTION_KEYS: `k1:${k1}` }, /FIELD_BLIND_INDEX_KEY must be set when FIELD_ENCRYPTION_KEYS is set/],
    ['an entry without an id', { FIELD_ENCRYPTION_KEYS: k1, FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_KEYS must be a comma-separated list of id:base64key/],
    ['a key id twice', { FIELD_ENCRYPTION_KEYS: `k1:${k1},k1:${k2}`, FIELD_BLIND_INDEX_KEY: blind }, /FIELD_ENCRYPTION_KEYS must name each key id once/],
    ['a blind-index key without keys', { FIELD_BLIND_INDEX_KEY: blind }, /FIELD_BLIND_INDEX_KEY must be set only together with FIELD_ENCRYPTION_KEYS/],
    ['keys and a key file', { FIELD_ENCRYPTION_KEYS: `k1:${k1}`, FIELD_BLIND_INDEX_KEY: blind, FIELD_ENCRYPTION_KEY_FILE: '/run/secrets/keys.json' }, /FIELD_ENCRYPTION_KEY_FILE must not be set together/],
  ])('refuses %s, naming the variable and never a key', (_name, env, message) => {
    const error = configError(env);
    expect(error.message).toMatch(message);
    for (const secret of [k1, k2, blind, k1.slice(0, 20)]) expect(error.message).not.toContain(secret);
  });

  it('refuses to start in production without keys, and starts with them', () => {
    const production = { NODE_ENV: 'production', NEO4J_PASSWORD: 'a-production-password', AUTH_JWT_SECRET: 'x'.repeat(40) };
    expect(configError(production).message).toBe('Invalid configuration: FIELD_ENCRYPTION_KEYS must be set when NODE_ENV is production (or FIELD_ENCRYPTION_KEY_FILE)');
    expect(loadConfig({ ...production, FIELD_ENCRYPTION_KEYS: `k1:${k1}`, FIELD_BLIND_INDEX_KEY: blind }).encryption.source).toBe('environment');
  });

  it('never shows key material when the configuration is printed or serialized', () => {
    const config = loadConfig({ FIELD_ENCRYPTION_KEYS: `k1:${k1}`, FIELD_BLIND_INDEX_KEY: blind });
    const shown = JSON.stringify(config);
    for (const secret of [k1, blind, Buffer.from(k1, 'base64').toString('hex')]) expect(shown).not.toContain(secret);
  });
});

describe('a key file (FIELD_ENCRYPTION_KEY_FILE)', () => {
  const keyFile = (text: string, mode = 0o600) => {
    const path = join(dir(), 'keys.json');
    writeFileSync(path, text, { mode });
    chmodSync(path, mode);
    return path;
  };

  it('reads the same content as the variables from a file only its owner can read', () => {
    const path = keyFile(JSON.stringify({ currentKeyId: 'b', keys: { a: k1, b: k2 }, blindIndexKey: blind }));
    const config = loadConfig({ FIELD_ENCRYPTION_KEY_FILE: path });
    expect(config.encryption.source === 'file' && config.encryption.ring().currentKeyId).toBe('b');
  });

  it('refuses a file others can read, one that is missing, one that is not JSON, and a bad key in it, never quoting it', () => {
    const good = JSON.stringify({ currentKeyId: 'a', keys: { a: k1 }, blindIndexKey: blind });
    expect(configError({ FIELD_ENCRYPTION_KEY_FILE: keyFile(good, 0o644) }).message).toMatch(/FIELD_ENCRYPTION_KEY_FILE must name a key file only its owner can read/);
    expect(configError({ FIELD_ENCRYPTION_KEY_FILE: join(dir(), 'none.json') }).message).toMatch(/FIELD_ENCRYPTION_KEY_FILE must name a key file that exists/);
    const notJson = configError({ FIELD_ENCRYPTION_KEY_FILE: keyFile(`{"keys": {"a": "${k1}"`) }).message;
    expect(notJson).toMatch(/must name a JSON key file/);
    expect(notJson).not.toContain(k1);
    const short = randomBytes(20).toString('base64');
    const bad = configError({ FIELD_ENCRYPTION_KEY_FILE: keyFile(JSON.stringify({ currentKeyId: 'a', keys: { a: short }, blindIndexKey: blind })) }).message;
    expect(bad).toMatch(/FIELD_ENCRYPTION_KEY_FILE must give key a as 32 bytes/);
    expect(bad).not.toContain(short);
    expect(configError({ FIELD_ENCRYPTION_KEY_FILE: keyFile(JSON.stringify({ currentKeyId: 'z', keys: { a: k1 }, blindIndexKey: blind })) }).message).toMatch(/currentKeyId that is one of its keys/);
  });
});

describe('the development key file', () => {
  it('is used in development and test when nothing is configured, and loading the config writes nothing', () => {
    const path = join(dir(), '.keys', 'field-encryption.json');
    const config = loadConfig({ FIELD_ENCRYPTION_LOCAL_KEY_FILE: path });
    expect(config.encryption).toEqual({ source: 'local', path });
    expect(() => statSync(path)).toThrow();
  });

  it('is created once, 0600 in a 0700 directory, logged once without key material, and reused on later starts', () => {
    const path = join(dir(), '.keys', 'field-encryption.json');
    const logged: Array<{ obj: object; msg: string }> = [];
    const log = { info: (obj: object, msg: string) => logged.push({ obj, msg }) };
    const first = keyRingOf({ source: 'local', path }, log);
    const text = readFileSync(path, 'utf8');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const second = keyRingOf({ source: 'local', path }, log);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(second.keys.get(second.currentKeyId)).toEqual(first.keys.get(first.currentKeyId));
    expect(second.blindIndexKey).toEqual(first.blindIndexKey);
    expect(logged).toHaveLength(1);
    const file = JSON.parse(text) as { keys: Record<string, string>; blindIndexKey: string };
    for (const secret of [...Object.values(file.keys), file.blindIndexKey]) expect(JSON.stringify(logged)).not.toContain(secret);
    // What one start encrypted, the next start reads.
    expect(encryptingCodec(second).decode(encryptingCodec(first).encode('Grace'))).toBe('Grace');
  });

  it('is written by exactly one of several starts at once, the others reading it', () => {
    const path = join(dir(), 'k', 'field-encryption.json');
    const results = Array.from({ length: 5 }, () => localKeyRing(path));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.ring.blindIndexKey.toString('hex'))).size).toBe(1);
  });

  it('new key files hold random 32-byte keys', () => {
    const a = JSON.parse(newKeyFile()) as { keys: Record<string, string>; blindIndexKey: string };
    const b = JSON.parse(newKeyFile()) as { keys: Record<string, string>; blindIndexKey: string };
    expect(Buffer.from(a.blindIndexKey, 'base64')).toHaveLength(32);
    expect(a.blindIndexKey).not.toBe(b.blindIndexKey);
  });
});

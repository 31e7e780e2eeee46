import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config.ts';
import { isDomainError } from '../errors/domain-error.ts';
import { keyRing, type KeyRing } from './encrypting-codec.ts';

/**
 * Where the field-encryption keys come from, as the configuration names it. The ring is
 * behind a function so that logging or printing a config never shows key material.
 * - environment: FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_CURRENT_KEY, FIELD_BLIND_INDEX_KEY
 *   (a secret manager injecting variables);
 * - file: FIELD_ENCRYPTION_KEY_FILE, a JSON key file (a mounted secret), read at start-up;
 * - local: development and test with nothing set: a key file under the working directory,
 *   created on first start and reused (`localKeyRing`). Never in production.
 */
export type EncryptionConfig =
  | { source: 'environment'; ring: () => KeyRing }
  | { source: 'file'; path: string; ring: () => KeyRing }
  | { source: 'local'; path: string };

/** The key variables as read from the environment (blank already unset). */
export type KeyVariables = {
  FIELD_ENCRYPTION_KEYS?: string | undefined;
  FIELD_ENCRYPTION_CURRENT_KEY?: string | undefined;
  FIELD_BLIND_INDEX_KEY?: string | undefined;
  FIELD_ENCRYPTION_KEY_FILE?: string | undefined;
};

/** What a key file holds: the same content as the three variables. */
export type KeyFile = { currentKeyId: string; keys: Record<string, string>; blindIndexKey: string };

const KEY_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9_-]+$/;

/** A 32-byte key from base64 (standard or url-safe); the error names where it came from, never the value. */
function keyBytes(text: string, variable: string, what: string): Buffer {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) throw new ConfigError(variable, `must give ${what} in base64`);
  const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== KEY_BYTES) throw new ConfigError(variable, `must give ${what} as ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
  return bytes;
}

/** keyRing's own checks (key ids, the current key present) as ConfigError naming the variable. */
function checkedRing(current: string, keys: Map<string, Buffer>, blindIndexKey: Buffer, variable: string): KeyRing {
  try {
    return keyRing(current, keys, blindIndexKey);
  } catch (error) {
    if (isDomainError(error)) throw new ConfigError(variable, `is not usable: ${error.clientMessage ?? 'bad key ring'}`);
    throw error;
  }
}

/** The ring from FIELD_ENCRYPTION_KEYS (`id:base64,id2:base64`), FIELD_ENCRYPTION_CURRENT_KEY and FIELD_BLIND_INDEX_KEY. */
export function keyRingFromVariables(vars: KeyVariables): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of (vars.FIELD_ENCRYPTION_KEYS ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at <= 0) throw new ConfigError('FIELD_ENCRYPTION_KEYS', 'must be a comma-separated list of id:base64key');
    const id = entry.slice(0, at);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError('FIELD_ENCRYPTION_KEYS', 'must name keys with ids of 1 to 32 letters, digits, - or _');
    if (keys.has(id)) throw new ConfigError('FIELD_ENCRYPTION_KEYS', `must name each key id once (${id} twice)`);
    keys.set(id, keyBytes(entry.slice(at + 1), 'FIELD_ENCRYPTION_KEYS', `key ${id}`));
  }
  if (keys.size === 0) throw new ConfigError('FIELD_ENCRYPTION_KEYS', 'must name at least one key');
  const current = vars.FIELD_ENCRYPTION_CURRENT_KEY ?? (keys.size === 1 ? [...keys.keys()][0]! : undefined);
  if (!current) throw new ConfigError('FIELD_ENCRYPTION_CURRENT_KEY', 'must be set when FIELD_ENCRYPTION_KEYS names more than one key');
  if (!keys.has(current)) throw new ConfigError('FIELD_ENCRYPTION_CURRENT_KEY', 'must be one of the key ids in FIELD_ENCRYPTION_KEYS');
  if (!vars.FIELD_BLIND_INDEX_KEY) throw new ConfigError('FIELD_BLIND_INDEX_KEY', 'must be set when FIELD_ENCRYPTION_KEYS is set');
  return checkedRing(current, keys, keyBytes(vars.FIELD_BLIND_INDEX_KEY, 'FIELD_BLIND_INDEX_KEY', 'the blind-index key'), 'FIELD_ENCRYPTION_KEYS');
}

/** The ring in a key file's text; `variable` is what the errors name (the file's setting). */
export function parseKeyFile(text: string, variable: string): KeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(variable, 'must name a JSON key file ({"currentKeyId", "keys": {id: base64}, "blindIndexKey"})');
  }
  const file = parsed as Partial<KeyFile> | null;
  if (!file || typeof file !== 'object' || typeof file.currentKeyId !== 'string' || typeof file.blindIndexKey !== 'string' || !file.keys || typeof file.keys !== 'object') {
    throw new ConfigError(variable, 'must name a key file with currentKeyId, keys and blindIndexKey');
  }
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(file.keys)) {
    if (typeof value !== 'string') throw new ConfigError(variable, `must give key ${id} as a base64 string`);
    keys.set(id, keyBytes(value, variable, `key ${id}`));
  }
  if (!keys.has(file.currentKeyId)) throw new ConfigError(variable, 'must name a currentKeyId that is one of its keys');
  return checkedRing(file.currentKeyId, keys, keyBytes(file.blindIndexKey, variable, 'the blind-index key'), variable);
}

/** Reads a key file that only its owner may read (0600 or 0400): a key file others can read is refused. */
export function readKeyFile(path: string, variable: string): KeyRing {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new ConfigError(variable, 'must name a key file that exists and can be read');
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) throw new ConfigError(variable, 'must name a key file only its owner can read (chmod 600)');
  return parseKeyFile(readFileSync(path, 'utf8'), variable);
}

/**
 * Where the keys come from, from the variables and NODE_ENV; env-given keys are checked
 * here so a bad one stops start-up. Production must be given keys; elsewhere, with none
 * given, the local key file at `localPath` is used (created at start-up if missing).
 */
export function encryptionConfig(vars: KeyVariables, env: 'development' | 'test' | 'production', localPath: string): EncryptionConfig {
  const fromVariables = Boolean(vars.FIELD_ENCRYPTION_KEYS);
  if (fromVariables && vars.FIELD_ENCRYPTION_KEY_FILE) throw new ConfigError('FIELD_ENCRYPTION_KEY_FILE', 'must not be set together with FIELD_ENCRYPTION_KEYS (one source of keys)');
  if (!fromVariables) {
    for (const name of ['FIELD_ENCRYPTION_CURRENT_KEY', 'FIELD_BLIND_INDEX_KEY'] as const) {
      if (vars[name] && !vars.FIELD_ENCRYPTION_KEY_FILE) throw new ConfigError(name, 'must be set only together with FIELD_ENCRYPTION_KEYS');
      if (vars[name] && vars.FIELD_ENCRYPTION_KEY_FILE) throw new ConfigError(name, 'must not be set with FIELD_ENCRYPTION_KEY_FILE (the file holds it)');
    }
  }
  if (fromVariables) {
    const ring = keyRingFromVariables(vars);
    return { source: 'environment', ring: () => ring };
  }
  if (vars.FIELD_ENCRYPTION_KEY_FILE) {
    const ring = readKeyFile(vars.FIELD_ENCRYPTION_KEY_FILE, 'FIELD_ENCRYPTION_KEY_FILE');
    return { source: 'file', path: vars.FIELD_ENCRYPTION_KEY_FILE, ring: () => ring };
  }
  if (env === 'production') throw new ConfigError('FIELD_ENCRYPTION_KEYS', 'must be set when NODE_ENV is production (or FIELD_ENCRYPTION_KEY_FILE)');
  return { source: 'local', path: localPath };
}

/** A new key file's text: one key `local1` and a blind-index key, random. */
export function newKeyFile(): string {
  const file: KeyFile = { currentKeyId: 'local1', keys: { local1: randomBytes(KEY_BYTES).toString('base64') }, blindIndexKey: randomBytes(KEY_BYTES).toString('base64') };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The development key file: read when it exists, else created (0600, in a 0700 directory).
 * `created` says this call wrote it, so the caller logs that once. Two processes starting
 * at once: the exclusive create lets one write it and the other reads it.
 */
export function localKeyRing(path: string, variable = 'FIELD_ENCRYPTION_LOCAL_KEY_FILE'): { ring: KeyRing; created: boolean } {
  let created = false;
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(draft, newKeyFile(), { flag: 'wx', mode: 0o600 });
    // A hard link appears whole or not at all, so a concurrent start never reads a half-written file.
    linkSync(draft, path);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(variable, 'must name a place the development key file can be written');
  } finally {
    rmSync(draft, { force: true });
  }
  return { ring: readKeyFile(path, variable), created };
}

/** The ring a configuration names, creating the development key file if it must (logged once, never the keys). */
export function keyRingOf(config: EncryptionConfig, log?: { info(obj: object, msg: string): void }): KeyRing {
  if (config.source !== 'local') return config.ring();
  const { ring, created } = localKeyRing(config.path);
  if (created) log?.info({ keyFile: config.path, keyIds: [...ring.keys.keys()] }, 'no encryption keys configured: created a development key file (git-ignored; back it up with the local data)');
  return ring;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../src/config.ts';

// No Docker engine runs on the development machines, so the compose file is kept honest
// here: the API must be given only settings it understands, and each must be documented.
const ROOT = join(import.meta.dirname, '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string> | string[]; depends_on?: unknown; healthcheck?: unknown; image?: string }>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const apiEnvironment = compose.services['api']?.environment ?? {};
const apiVariables = Array.isArray(apiEnvironment) ? apiEnvironment.map((entry) => entry.split('=')[0]!) : Object.keys(apiEnvironment);

describe('docker-compose.yml', () => {
  it('gives the API only variables the configuration schema knows', () => {
    expect(apiVariables.length).toBeGreaterThan(0);
    const known = Object.keys(configSchema.shape);
    expect(apiVariables.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('gives the API values the configuration schema accepts', () => {
    const values = Object.fromEntries(
      Object.entries(apiEnvironment as Record<string, string>).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1')]),
    );
    expect(configSchema.safeParse(values).success).toBe(true);
  });

  it('runs Neo4j 5.26 Community with a health check the API waits for', () => {
    expect(compose.services['neo4j']?.image).toBe('neo4j:5.26-community');
    expect(compose.services['neo4j']?.healthcheck).toBeDefined();
    expect(compose.services['api']?.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
  });

  it('has every configuration variable documented in the README', () => {
    const undocumented = Object.keys(configSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});

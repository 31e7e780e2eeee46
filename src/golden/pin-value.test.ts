import { describe, expect, it } from 'vitest';
import { normalizePinValue } from './pin-value.ts';

// Bug (issue #11): pinValue(DATE_OF_BIRTH, "yesterday") was taken as it was typed and
// became the golden date of birth. A pin is held to the rules ingestion holds sources to.

const now = new Date('2025-06-15T12:00:00Z');
const pin = (attribute: Parameters<typeof normalizePinValue>[0], value: string, countries: string[] = []) => normalizePinValue(attribute, value, countries, now);

describe('normalizePinValue', () => {
  it('takes a date of birth only when it is a real day from 1900 to today, as YYYY-MM-DD', () => {
    for (const bad of ['yesterday', '2025-06-16', '1985-02-30', '1899-12-31', '03/04/1990', '85-01-01', '']) {
      expect(pin('dateOfBirth', bad), bad).toMatchObject({ ok: false });
    }
    expect(pin('dateOfBirth', ' 1984-02-29 ')).toEqual({ ok: true, value: '1984-02-29' });
    expect(pin('dateOfBirth', '2025-06-15')).toEqual({ ok: true, value: '2025-06-15' });
    expect(pin('dateOfBirth', '5 March 1986')).toEqual({ ok: true, value: '1986-03-05' });
    expect(pin('dateOfBirth', '31/12/1990')).toEqual({ ok: true, value: '1990-12-31' });
  });

  it('stores an e-mail as the mailbox ingestion normalizes it to', () => {
    expect(pin('email', ' Jane.Doe+News@GoogleMail.com ')).toEqual({ ok: true, value: 'janedoe@gmail.com' });
    for (const bad of ['jane at example.com', 'jane@', '@example.com', 'jane@example']) expect(pin('email', bad), bad).toMatchObject({ ok: false });
  });

  it('stores a phone in E.164, read in the countries of the records when it has no prefix', () => {
    expect(pin('phone', '020 7946 0018', ['GB'])).toEqual({ ok: true, value: '+442079460018' });
    expect(pin('phone', '+33 1 42 68 53 00')).toEqual({ ok: true, value: '+33142685300' });
    expect(pin('phone', '020 7946 0018')).toMatchObject({ ok: false, reason: expect.stringContaining('international prefix') });
    for (const bad of ['call me', '12', '+44 20']) expect(pin('phone', bad, ['GB']), bad).toMatchObject({ ok: false });
  });

  it('takes an address line whose country, when it ends in one, is an ISO 3166-1 code', () => {
    expect(pin('address', '1 Rue de Rivoli,  Paris , 75001, fr')).toEqual({ ok: true, value: '1 Rue de Rivoli, Paris, 75001, FR' });
    expect(pin('address', '10 Downing Street, London, SW1A 2AA, UK')).toEqual({ ok: true, value: '10 Downing Street, London, SW1A 2AA, GB' });
    expect(pin('address', '10 Downing Street, London, SW1A 2AA')).toEqual({ ok: true, value: '10 Downing Street, London, SW1A 2AA' });
    expect(pin('address', '1 Main St, Springfield, XX')).toMatchObject({ ok: false, reason: expect.stringContaining('ISO 3166') });
    expect(pin('address', ' , , ')).toMatchObject({ ok: false });
    expect(pin('address', `${'x'.repeat(301)}, London`)).toMatchObject({ ok: false });
  });

  it('holds names, organisation and title to the canonical limits, and refuses control and bidi characters', () => {
    expect(pin('givenName', '  Ada ')).toEqual({ ok: true, value: 'Ada' });
    expect(pin('givenName', 'A'.repeat(201))).toMatchObject({ ok: false, reason: expect.stringContaining('200') });
    expect(pin('fullName', 'A'.repeat(400))).toMatchObject({ ok: true });
    expect(pin('organisation', 'O'.repeat(301))).toMatchObject({ ok: false });
    expect(pin('title', 'T'.repeat(201))).toMatchObject({ ok: false });
    expect(pin('familyName', 'Lovelace\u0000')).toMatchObject({ ok: false });
    expect(pin('middleName', 'Byron\u202E')).toMatchObject({ ok: false });
  });

  it('never repeats the value in its reason', () => {
    for (const [attribute, value] of [['dateOfBirth', 'secret-1984'], ['email', 'secret@nowhere'], ['phone', 'secret 0000'], ['address', 'Secret Lane, ZZ'], ['givenName', `secret${'x'.repeat(300)}`]] as const) {
      const checked = pin(attribute, value);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).not.toContain('secret');
    }
  });
});

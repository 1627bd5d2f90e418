import { EMAIL_MAX_LENGTH, hasForbiddenCharacters, isLocale, isPlausibleEmail, normalizeEmail, SCIM_ATTRIBUTE_MAX_LENGTH, scimBoolean, type Locale } from '@gatehouse/domain';
import { invalidValue } from './scim-problem.ts';

/** A User resource as the directory sent it, checked: every attribute the product keeps, nothing else. */
export interface ScimUserInput {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** The name the workspace's directory shows: displayName, else name.formatted, else given and family names. */
  displayName: string | null;
  title: string | null;
  /** The primary (else work, else first) email, normalized. */
  email: string | null;
  active: boolean;
  locale: Locale | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional string attribute: trimmed, empty as absent, within its length, with no control characters. */
function text(value: unknown, name: string, max = SCIM_ATTRIBUTE_MAX_LENGTH): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidValue(`${name} has at most ${max} characters`);
  if (hasForbiddenCharacters(trimmed)) throw invalidValue(`${name} contains characters that are not allowed`);
  return trimmed || null;
}

function primaryEmail(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > 20 || !value.every(isObject)) throw invalidValue('emails must be a list of { value, type, primary }');
  const emails = value.filter((entry) => entry.value !== undefined && entry.value !== null);
  const chosen = emails.find((entry) => scimBoolean(entry.primary) === true) ?? emails.find((entry) => entry.type === 'work') ?? emails[0];
  const raw = chosen ? text(chosen.value, 'emails.value', EMAIL_MAX_LENGTH) : null;
  if (!raw) return null;
  const email = normalizeEmail(raw);
  if (!isPlausibleEmail(email)) throw invalidValue('emails.value must be an email address');
  return email;
}

/** Reads a User resource (a POST or PUT body, or the result of a PATCH); throws invalidValue on anything malformed. */
export function readUserInput(body: unknown): ScimUserInput {
  if (!isObject(body)) throw invalidValue('The body must be a JSON object');
  const userName = text(body.userName, 'userName', EMAIL_MAX_LENGTH);
  if (!userName) throw invalidValue('userName is required');
  if (body.name !== undefined && body.name !== null && !isObject(body.name)) throw invalidValue('name must be an object');
  const name = isObject(body.name) ? body.name : {};
  const givenName = text(name.givenName, 'name.givenName');
  const familyName = text(name.familyName, 'name.familyName');
  const joined = [givenName, familyName].filter(Boolean).join(' ');
  const displayName = text(body.displayName, 'displayName') ?? text(name.formatted, 'name.formatted') ?? (joined || null);
  const active = body.active === undefined || body.active === null ? true : scimBoolean(body.active);
  if (active === null) throw invalidValue('active must be true or false');
  const language = text(body.preferredLanguage ?? body.locale, 'preferredLanguage', 35)?.slice(0, 2).toLowerCase();
  return {
    userName,
    externalId: text(body.externalId, 'externalId'),
    givenName,
    familyName,
    displayName,
    title: text(body.title, 'title'),
    email: primaryEmail(body.emails),
    active,
    locale: isLocale(language) ? language : null,
  };
}

/**
 * The login email a new person gets: userName when it is an address (as
 * Entra's UPN and Okta's login usually are), else the primary email. A
 * directory that sends neither cannot provision anyone.
 */
export function loginEmailOf(input: ScimUserInput): string {
  const fromUserName = normalizeEmail(input.userName);
  if (isPlausibleEmail(fromUserName)) return fromUserName;
  if (input.email) return input.email;
  throw invalidValue('userName or a primary email must be an email address: it becomes the person’s login');
}

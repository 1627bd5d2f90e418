import type { EntityManager } from '@gatehouse/db';
import { SCIM_MAX_RESULTS } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';
import type { ScimCaller } from './scim-caller.ts';
import { SCHEMA } from './scim-documents.ts';
import { invalidValue } from './scim-problem.ts';

/** What every SCIM operation is given: the database, the caller, and the endpoint's base URL (for `meta.location`). */
export interface ScimCall {
  em: EntityManager;
  config: ServiceConfig;
  caller: ScimCaller;
  /** `https://…/scim/v2/<workspace>`, no trailing slash. */
  base: string;
}

/** A list request's paging (RFC 7644 §3.4.2.4): 1-based startIndex, count capped at the endpoint's maximum. */
export interface ScimListQuery {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  excludedAttributes?: string | undefined;
}

export function pagingOf(query: ScimListQuery): { offset: number; limit: number; startIndex: number } {
  const startIndex = query.startIndex === undefined ? 1 : Number(query.startIndex);
  const count = query.count === undefined ? 100 : Number(query.count);
  if (!Number.isInteger(startIndex) || !Number.isInteger(count)) throw invalidValue('startIndex and count must be integers');
  // RFC 7644: a startIndex below 1 is taken as 1, a negative count as 0.
  const start = Math.max(1, startIndex);
  return { startIndex: start, offset: start - 1, limit: Math.min(Math.max(0, count), SCIM_MAX_RESULTS) };
}

/**
 * A page and the total it belongs to. A first page that is not full holds
 * the whole total: the directories' look-ups (a filter by userName,
 * externalId) are then one query, not two.
 */
export async function pageWithTotal<T>(paging: { offset: number; limit: number }, page: () => Promise<T[]>, count: () => Promise<number>): Promise<{ items: T[]; total: number }> {
  const items = paging.limit ? await page() : [];
  const total = paging.offset === 0 && paging.limit > 0 && items.length < paging.limit ? items.length : await count();
  return { items, total };
}

export function listResponse(resources: unknown[], total: number, startIndex: number): Record<string, unknown> {
  return { schemas: [SCHEMA.listResponse], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** Whether the caller asked to leave an attribute out (`excludedAttributes=members`, as Entra asks for groups). */
export function excludes(query: ScimListQuery, attribute: string): boolean {
  return (query.excludedAttributes ?? '').split(',').some((name) => name.trim().toLowerCase() === attribute.toLowerCase());
}

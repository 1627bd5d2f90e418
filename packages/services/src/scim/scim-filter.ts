import { parse, type Filter } from 'scim2-parse-filter';
import { escapeLike } from '@gatehouse/db';
import { ScimProblem } from './scim-problem.ts';

/*
 * A SCIM filter (RFC 7644 §3.4.2.2) turned into the ORM's query: parsed by
 * scim2-parse-filter, then each attribute the endpoint knows mapped to its
 * column. An attribute it does not know is refused (invalidFilter) rather
 * than ignored: a filter that silently matched everyone would have the
 * directory update the wrong person.
 */

type Where = Record<string, unknown>;
type Operator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le' | 'pr';
/** How one attribute answers one comparison. */
type AttributeQuery = (op: Operator, value: unknown) => Where;

export type FilterAttributes = Record<string, AttributeQuery>;

export const MATCH_ALL: Where = {};
export const MATCH_NONE: Where = { id: { $in: [] } };

const MAX_FILTER_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalidFilter = (detail: string) => new ScimProblem(400, detail, 'invalidFilter');

function nest(path: readonly string[], condition: unknown): Where {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), condition) as Where;
}

function asText(value: unknown): string {
  if (typeof value !== 'string') throw invalidFilter('This attribute compares with a string');
  return value;
}

/** A text column (path into the entity); case-insensitive unless `caseExact`, as the schema says. */
export function textAttribute(path: readonly string[], options: { caseExact?: boolean } = {}): AttributeQuery {
  const like = options.caseExact ? '$like' : '$ilike';
  return (op, value) => {
    if (op === 'pr') return nest(path, { $nin: [null, ''] });
    const text = asText(value);
    switch (op) {
      case 'eq':
        return nest(path, options.caseExact ? text : { $ilike: escapeLike(text) });
      case 'ne':
        return { $or: [nest(path, null), { $not: nest(path, options.caseExact ? text : { $ilike: escapeLike(text) }) }] };
      case 'co':
        return nest(path, { [like]: `%${escapeLike(text)}%` });
      case 'sw':
        return nest(path, { [like]: `${escapeLike(text)}%` });
      case 'ew':
        return nest(path, { [like]: `%${escapeLike(text)}` });
      default:
        return nest(path, { [`$${op}`]: text });
    }
  };
}

/** A timestamp column, compared with an RFC 3339 date. */
export function dateAttribute(column: string): AttributeQuery {
  return (op, value) => {
    if (op === 'pr') return MATCH_ALL;
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw invalidFilter('Dates compare with an RFC 3339 date-time');
    if (op === 'eq') return { [column]: date };
    if (op === 'ne') return { [column]: { $ne: date } };
    if (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') return { [column]: { [op === 'ge' ? '$gte' : op === 'le' ? '$lte' : `$${op}`]: date } };
    throw invalidFilter(`Dates do not support "${op}"`);
  };
}

/** The resource's id: a malformed one matches nothing (it cannot be anyone's). */
export const idAttribute: AttributeQuery = (op, value) => {
  if (op === 'pr') return MATCH_ALL;
  const id = asText(value);
  if (op === 'eq') return UUID.test(id) ? { id: id.toLowerCase() } : MATCH_NONE;
  if (op === 'ne') return UUID.test(id) ? { id: { $ne: id.toLowerCase() } } : MATCH_ALL;
  throw invalidFilter(`id does not support "${op}"`);
};

/** An attribute with one value for every resource (every email is a "work" one). */
export function constantAttribute(constant: unknown): AttributeQuery {
  return (op, value) => {
    if (op === 'pr') return MATCH_ALL;
    const same = typeof constant === 'string' && typeof value === 'string' ? constant.toLowerCase() === value.toLowerCase() : constant === value;
    if (op === 'eq') return same ? MATCH_ALL : MATCH_NONE;
    if (op === 'ne') return same ? MATCH_NONE : MATCH_ALL;
    throw invalidFilter(`"${op}" does not apply here`);
  };
}

function translate(filter: Filter, attributes: FilterAttributes, prefix: string): Where {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { [`$${filter.op}`]: filter.filters.map((part) => translate(part, attributes, prefix)) };
    case 'not':
      return { $not: translate(filter.filter, attributes, prefix) };
    case '[]':
      return translate(filter.valFilter, attributes, `${prefix}${filter.attrPath}.`);
    default: {
      // Full schema URNs name the same attributes ("urn:…:core:2.0:User:userName").
      const path = `${prefix}${filter.attrPath}`.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '').toLowerCase();
      const query = attributes[path];
      if (!query) throw invalidFilter(`Filtering on "${filter.attrPath}" is not supported`);
      return query(filter.op, 'compValue' in filter ? filter.compValue : undefined);
    }
  }
}

/** The query a filter stands for; no filter matches every resource. */
export function filterQuery(filter: string | undefined, attributes: FilterAttributes): Where {
  if (!filter) return MATCH_ALL;
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter(`A filter has at most ${MAX_FILTER_LENGTH} characters`);
  let parsed: Filter;
  try {
    parsed = parse(filter);
  } catch {
    throw invalidFilter('The filter is not valid SCIM filter syntax');
  }
  return translate(parsed, attributes, '');
}

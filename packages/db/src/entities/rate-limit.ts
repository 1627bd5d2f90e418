import { defineEntity, p } from '@mikro-orm/core';

/**
 * The counters of rate-limiter-flexible's PostgreSQL store (its documented
 * table layout), created by our migration so the server never runs DDL.
 */
export const RateLimitSchema = defineEntity({
  name: 'RateLimit',
  tableName: 'rate_limit',
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    expire: p.bigint('number').nullable(),
  },
});

export class RateLimit extends RateLimitSchema.class {}
RateLimitSchema.setClass(RateLimit);

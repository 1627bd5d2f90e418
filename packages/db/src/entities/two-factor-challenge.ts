import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { SESSION_CLIENTS } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/** A sign-in that proved the first factor and waits for the second; short-lived and attempt-limited. */
export const TwoFactorChallengeSchema = defineEntity({
  name: 'TwoFactorChallenge',
  tableName: 'two_factor_challenge',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    workspace: () => p.manyToOne(Workspace).ref().nullable().deleteRule('cascade'),
    client: p.enum(SESSION_CLIENTS),
    /** The way in that proved the first factor (`password`, `social:<provider>`), which the session keeps. */
    method: p.string().length(32),
    attempts: p.integer().default(0),
    expiresAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TwoFactorChallenge extends TwoFactorChallengeSchema.class {}
TwoFactorChallengeSchema.setClass(TwoFactorChallenge);

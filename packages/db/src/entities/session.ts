import { defineEntity, p } from '@mikro-orm/core';
import { SESSION_CLIENTS } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * A signed-in device. The token handed out is `<id>.<secret>`; only the
 * SHA-256 of the secret is stored, so a database leak yields no usable token.
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.string().length(32).primary(),
    secretHash: p.string().length(64),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    /** The workspace this session signed in at, if any: dismissal there ends it. */
    workspace: () => p.manyToOne(Workspace).ref().nullable().deleteRule('cascade'),
    client: p.enum(SESSION_CLIENTS),
    /** How the person proved it was them (RFC 8176 values: pwd, otp, mfa, fed…): apps read it as `amr`. */
    amr: p.json<string[]>().default('["pwd"]').onCreate(() => ['pwd']),
    /** The way in it began with (`password`, `passkey`, `social:<provider>`), for the workspace's allowed ways in. */
    wayIn: p.string().length(64).default('password'),
    /** When the person last proved it was them in this session (the sign-in, or a confirmation since): sensitive actions need it recent. */
    authenticatedAt: p.datetime().onCreate(() => new Date()),
    /** Signed in at a workspace that requires two-step verification the person has not set up in time: the session may only set it up. */
    setupOnly: p.boolean().default(false),
    userAgent: p.string().length(512).nullable(),
    ipAddress: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastActiveAt: p.datetime().onCreate(() => new Date()),
    /** Idle/absolute limits are applied on read; this is the earliest end, for purging. */
    expiresAt: p.datetime(),
  },
  indexes: [
    { name: 'session_profile_idx', properties: ['profile'] },
    { name: 'session_workspace_idx', properties: ['workspace'] },
    { name: 'session_expires_idx', properties: ['expiresAt'] },
  ],
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);

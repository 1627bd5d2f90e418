import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { MEMBER_ROLES, MEMBER_SOURCES, MEMBER_STATUSES } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * A profile's place in a workspace. An invitation is a member without a
 * profile yet (status `invited`); dismissal keeps the row and every record
 * that points at it.
 */
export const MemberSchema = defineEntity({
  name: 'Member',
  tableName: 'member',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    /** Null until an invitation is accepted, and again once the person deleted their profile (see `departedProfileId`). */
    profile: () => p.manyToOne(Profile).ref().nullable(),
    /**
     * The profile this member was before the person deleted it: the record
     * stays, dismissed, and the workspace's audit trail still names who acted
     * by this id. An id, not a relation: the profile is gone.
     */
    departedProfileId: p.uuid().nullable(),
    role: p.enum(MEMBER_ROLES).default('employee'),
    status: p.enum(MEMBER_STATUSES),
    /** The name shown in this workspace's directory. */
    name: p.string().length(200),
    /** Where the workspace writes to this person; defaults to the invitation address. Not a login. */
    contactEmail: p.string().length(254).nullable(),
    /** The workspace mailbox address: informational only, never a login. */
    mailboxEmail: p.string().length(254).nullable(),
    position: p.string().length(200).nullable(),
    invitedBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    /** How this person came in. */
    source: p.enum(MEMBER_SOURCES).default('invitation'),
    /** SHA-256 of the invitation link's secret; null once accepted, or for other ways in. */
    invitationTokenHash: p.string().length(64).nullable().unique('member_invitation_token_unique'),
    invitationExpiresAt: p.datetime().nullable(),
    /** The expiry the workspace was last told of (`member.invitation_expired`): a resent invitation has a new one, told again when it passes. */
    invitationExpiryAnnouncedFor: p.datetime().nullable(),
    invitationMessage: p.string().length(2000).nullable(),
    invitationSentAt: p.datetime().nullable(),
    invitationSendCount: p.integer().default(0),
    /**
     * Accepting with a profile whose login is not the invited address needs a
     * code mailed to that address at accept time: its keyed hash, the profile
     * it was asked for, until when, and how many wrong codes were tried.
     */
    invitationProofHash: p.string().length(64).nullable(),
    invitationProofProfileId: p.uuid().nullable(),
    invitationProofExpiresAt: p.datetime().nullable(),
    invitationProofAttempts: p.integer().default(0),
    /** Sessions that started before this cannot act in this workspace (set at dismissal, or when an admin ends them). */
    sessionsValidFrom: p.datetime().nullable(),
    /** An admin of this workspace turned the member's second step off for sign-ins here (only here): since when, and until when (null: until they enrol again). */
    twoFactorExemptAt: p.datetime().nullable(),
    twoFactorExemptUntil: p.datetime().nullable(),
    /**
     * Set once the company's directory provisions the member over SCIM: its
     * id for the person, the name it signs them in by (kept as sent; the
     * login email stays the person's own), and their name in parts.
     */
    externalId: p.string().length(200).nullable(),
    directoryUserName: p.string().length(254).nullable(),
    givenName: p.string().length(200).nullable(),
    familyName: p.string().length(200).nullable(),
    /** The directory deleted the person: they are dismissed, and SCIM answers 404 for them until it creates them again. */
    directoryRemovedAt: p.datetime().nullable(),
    joinedAt: p.datetime().nullable(),
    dismissedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ name: 'member_workspace_profile_unique', properties: ['workspace', 'profile'] }],
  indexes: [
    // Keyset paging of the directory: (workspace, name, id), optionally per status.
    { name: 'member_directory_idx', properties: ['workspace', 'name', 'id'] },
    { name: 'member_status_directory_idx', properties: ['workspace', 'status', 'name', 'id'] },
    { name: 'member_contact_email_idx', properties: ['workspace', 'contactEmail'] },
    { name: 'member_profile_idx', properties: ['profile'] },
    { name: 'member_departed_profile_idx', expression: 'create index "member_departed_profile_idx" on "member" ("workspace_id", "departed_profile_id") where "departed_profile_id" is not null' },
    // Directory search (`ilike '%…%'` on what the directory shows): trigram indexes, combined by a bitmap OR.
    { name: 'member_name_trgm_idx', expression: 'create index "member_name_trgm_idx" on "member" using gin ("name" gin_trgm_ops)' },
    { name: 'member_contact_email_trgm_idx', expression: 'create index "member_contact_email_trgm_idx" on "member" using gin ("contact_email" gin_trgm_ops)' },
    // Searches of one or two characters, which no trigram serves, match the start of the name or address instead.
    // The workspace comes second: an index led by it would tempt the planner for every directory query.
    { name: 'member_name_prefix_idx', expression: 'create index "member_name_prefix_idx" on "member" (lower("name") text_pattern_ops, "workspace_id")' },
    { name: 'member_directory_user_name_unique', expression: 'create unique index "member_directory_user_name_unique" on "member" ("workspace_id", lower("directory_user_name")) where "directory_user_name" is not null' },
    { name: 'member_external_id_unique', expression: 'create unique index "member_external_id_unique" on "member" ("workspace_id", "external_id") where "external_id" is not null' },
    { name: 'member_contact_email_prefix_idx', expression: 'create index "member_contact_email_prefix_idx" on "member" (lower("contact_email") text_pattern_ops, "workspace_id")' },
  ],
});

export class Member extends MemberSchema.class {}
MemberSchema.setClass(Member);

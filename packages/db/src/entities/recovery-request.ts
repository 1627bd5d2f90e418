import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Member } from './member.ts';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/** Pending until staff approve or reject it, or one of the workspace's admins refuses it in time. */
export const RECOVERY_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'refused'] as const;

/**
 * A request to platform staff for a new admin, filed by a member of a
 * workspace whose admins left or no longer answer: the seeds' signed letter,
 * the former admin, the proposed one. Admins still there may refuse it until
 * `adminsUntil`; staff decide after that.
 */
export const RecoveryRequestSchema = defineEntity({
  name: 'RecoveryRequest',
  tableName: 'recovery_request',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    requester: () => p.manyToOne(Member).ref().deleteRule('cascade'),
    formerAdminName: p.string().length(200),
    formerAdminLogin: p.string().length(254),
    proposedAdmin: () => p.manyToOne(Member).ref().deleteRule('cascade'),
    statement: p.text(),
    letter: p.blob().lazy(),
    letterType: p.string().length(64),
    letterName: p.string().length(200),
    status: p.enum(RECOVERY_REQUEST_STATUSES).default('pending'),
    /** Until when the workspace's active admins (mailed at filing) may refuse; null when it had none. */
    adminsUntil: p.datetime().nullable(),
    /** The admin who refused it, when one did. */
    refusedBy: () => p.manyToOne(Member).ref().nullable().deleteRule('set null'),
    reviewedBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    reviewNote: p.string().length(1000).nullable(),
    reviewedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'recovery_request_status_idx', properties: ['status', 'createdAt'] }],
});

export class RecoveryRequest extends RecoveryRequestSchema.class {}
RecoveryRequestSchema.setClass(RecoveryRequest);

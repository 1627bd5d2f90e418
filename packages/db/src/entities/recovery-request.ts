import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Member } from './member.ts';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

export const RECOVERY_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;

/**
 * A request to platform staff for a new admin, filed by a member of a
 * workspace that has none left: the seeds' signed letter, the former admin,
 * the proposed one.
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
    reviewedBy: () => p.manyToOne(Profile).ref().nullable(),
    reviewNote: p.string().length(1000).nullable(),
    reviewedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'recovery_request_status_idx', properties: ['status', 'createdAt'] }],
});

export class RecoveryRequest extends RecoveryRequestSchema.class {}
RecoveryRequestSchema.setClass(RecoveryRequest);

import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Member } from './member.ts';
import { Workspace } from './workspace.ts';

export const TASK_KINDS = ['complete_profile', 'custom'] as const;

/** Work assigned to a member. An invited member with tasks cannot be deleted until the tasks are. */
export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'task',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    assignee: () => p.manyToOne(Member).ref().deleteRule('cascade'),
    kind: p.enum(TASK_KINDS).default('custom'),
    title: p.string().length(200),
    completedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'task_assignee_idx', properties: ['assignee'] }],
});

export class Task extends TaskSchema.class {}
TaskSchema.setClass(Task);

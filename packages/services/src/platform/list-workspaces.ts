import { countMembersOfWorkspaces, escapeLike, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, seatsOf, type PlanId } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { type Page } from '../members/index.ts';
import { SEAT_STATUSES } from '../workspace/index.ts';
import { assertStaff } from './assert-staff.ts';

export interface PlatformWorkspaceView {
  id: string;
  slug: string;
  name: string;
  plan: PlanId;
  seats: { used: number; total: number };
  /** The last sign-in at the workspace: what the cleanup of abandoned free workspaces counts from. */
  lastSignInAt: string;
  createdAt: string;
}

function decodeCursor(cursor: string): string {
  const slug = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!slug || slug.length > 100) throw new AppError('INVALID_INPUT', { fields: { cursor: 'invalid' } });
  return slug;
}

/** Every workspace for platform staff, by address, searchable by address or name, keyset-paged: no slug typed blind. */
export async function listPlatformWorkspaces(options: { em: EntityManager; actor: Actor; search?: string; cursor?: string; limit: number }): Promise<Page<PlatformWorkspaceView>> {
  assertStaff(options.actor);
  const where: Record<string, unknown> = {};
  const search = options.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    where.$or = [{ slug: { $ilike: pattern } }, { name: { $ilike: pattern } }];
  }
  if (options.cursor) where.slug = { $gt: decodeCursor(options.cursor) };
  const rows = await options.em.find(Workspace, where, { orderBy: { slug: 'asc' }, limit: options.limit + 1 });
  const items = rows.slice(0, options.limit);
  const used = await countMembersOfWorkspaces(options.em, items.map((workspace) => workspace.id), SEAT_STATUSES);
  const last = items[items.length - 1];
  return {
    items: items.map((workspace) => ({
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      plan: workspace.plan,
      seats: { used: used.get(workspace.id) ?? 0, total: seatsOf(workspace.plan) },
      lastSignInAt: workspace.lastSignInAt.toISOString(),
      createdAt: workspace.createdAt.toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? Buffer.from(last.slug).toString('base64url') : null,
  };
}

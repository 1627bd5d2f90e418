import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Member, Profile, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { workspaceView, type WorkspaceView } from '../shared/views.ts';

export interface CreateWorkspaceOptions {
  em: EntityManager;
  actor: Actor;
  name: string;
  /** Already checked against the address rules by the caller's schema. */
  slug: string;
}

/** A new free workspace whose creator is its first admin. */
export async function createWorkspace(options: CreateWorkspaceOptions): Promise<WorkspaceView> {
  const { actor, slug } = options;
  try {
    return await options.em.transactional(async (em) => {
      if (await em.count(Workspace, { slug })) throw new AppError('SLUG_TAKEN');
      const creator = await em.findOneOrFail(Profile, { id: actor.profileId });
      const workspace = em.create(Workspace, { slug, name: options.name.trim(), creator });
      const member = em.create(Member, {
        workspace,
        profile: creator,
        role: 'admin',
        status: 'active',
        source: 'creator',
        name: creator.name,
        contactEmail: creator.email,
        joinedAt: new Date(),
      });
      recordAudit(em, actor, { workspaceId: workspace.id, action: 'workspace.created', targetMemberId: member.id, details: { name: workspace.name, slug } });
      await em.flush();
      return workspaceView(workspace, 1);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new AppError('SLUG_TAKEN');
    throw error;
  }
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Workspace, type EntityManager } from '@gatehouse/db';
import { lockWorkspace } from '../workspace/index.ts';
import { assertScimTokenLive } from './scim-caller.ts';
import type { ScimCall } from './scim-context.ts';
import { uniqueness } from './scim-problem.ts';

/** A change as one transaction under the workspace's lock (seats and the last-admin rule are counted under it), by a token still live. */
export async function scimChange<T>(call: ScimCall, work: (em: EntityManager, workspace: Workspace) => Promise<T>): Promise<T> {
  try {
    return await call.em.transactional(async (em) => {
      await lockWorkspace(em, call.caller.workspaceId);
      await assertScimTokenLive(em, call.caller);
      const workspace = await em.findOneOrFail(Workspace, { id: call.caller.workspaceId });
      return work(em, workspace);
    });
  } catch (error) {
    // Two requests for one person at once: the unique indexes stop the second.
    if (error instanceof UniqueConstraintViolationException) throw uniqueness('A resource with this name, externalId or email already exists');
    throw error;
  }
}


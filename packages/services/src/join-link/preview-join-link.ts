import { type EntityManager } from '@gatehouse/db';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { workspaceOfLink } from './join-token.ts';

export async function previewJoinLink(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<{ workspace: { slug: string; name: string }; requiresApproval: boolean }> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const workspace = await workspaceOfLink(options.em, options.config, options.token);
  return { workspace: { slug: workspace.slug, name: workspace.name }, requiresApproval: workspace.joinRequiresApproval };
}

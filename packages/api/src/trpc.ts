import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError, apiKeyRoleReaches, DEFAULT_LOCALE, isActiveAdmin, type ApiKeyRole } from '@gatehouse/domain';
import { recordRefusedAccess, resolveCallerScope, resolveMembership, type Actor, type Caller } from '@gatehouse/services';
import type { RequestContext } from './context.ts';
import { asAppError, describeFailure, toTRPCError } from './errors.ts';
import { WorkspaceSlug } from './schemas.ts';
import { actorOf } from './actor.ts';

export interface ProcedureMeta {
  /** Reachable by a profile that must still replace its generated password. */
  allowedBeforePasswordChange?: boolean;
  /** Reachable by a session a workspace's policy holds to setting up a second step (and nothing else). */
  allowedDuringTwoFactorSetup?: boolean;
}

/** The meta of the procedures that set up a second step: a set-up-only session may call them. */
export const DURING_SETUP: ProcedureMeta = { allowedDuringTwoFactorSetup: true };

export type Logger = { error(details: object, message: string): void };
let logger: Logger = { error: (details, message) => console.error(message, details) };
export function setErrorLogger(next: Logger): void {
  logger = next;
}

const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = describeFailure(error, ctx?.locale ?? DEFAULT_LOCALE);
      if (data.appCode === 'INTERNAL') logger.error({ err: error.cause ?? error, requestId: ctx?.origin.requestId }, 'unexpected failure');
      // No stack, ever: `shape.data.stack` is dropped with the rest of the default data.
      return { message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every call: its own entity manager fork, and domain errors turned into tRPC errors with the right status. */
const base = t.procedure.use(async ({ ctx, type, next }) => {
  if (ctx.apiKeyRefusal) throw toTRPCError(ctx.apiKeyRefusal);
  const result = await next({ ctx: { em: ctx.orm.em.fork() } });
  // A refused mutation may have queued mail too (a fresh confirmation link): let it leave now either way.
  if (type === 'mutation') ctx.afterMutation();
  if (!result.ok) {
    const known = asAppError(result.error.cause);
    if (known) throw toTRPCError(known);
  }
  return result;
});

export const publicProcedure = base;

/** The signed-in person calling, once their session may act here (a generated password must be replaced first). */
function signedInPerson(ctx: RequestContext, meta: ProcedureMeta | undefined): { auth: NonNullable<RequestContext['auth']>; actor: Actor } {
  if (!ctx.auth) throw toTRPCError(new AppError('UNAUTHENTICATED'));
  if (ctx.auth.profile.mustChangePassword && !meta?.allowedBeforePasswordChange) throw toTRPCError(new AppError('PASSWORD_CHANGE_REQUIRED'));
  if (ctx.auth.session.setupOnly && !meta?.allowedDuringTwoFactorSetup) throw toTRPCError(new AppError('TWO_FACTOR_REQUIRED_BY_POLICY'));
  return { auth: ctx.auth, actor: actorOf(ctx.auth, ctx.origin, ctx.locale) };
}

/** A signed-in person; an API key is refused (what only a person may do stays theirs). */
export const authedProcedure = base.use(({ ctx, meta, next }) => {
  if (ctx.apiKey) throw toTRPCError(new AppError('FORBIDDEN', { requiredRole: 'person' }));
  return next({ ctx: signedInPerson(ctx, meta) });
});

/** Resolves `input.workspace` (an address) to the caller's active membership; strangers get NOT_FOUND. */
export const workspaceProcedure = authedProcedure
  .input(z.looseObject({ workspace: WorkspaceSlug }))
  .use(async ({ ctx, input, next }) => {
    try {
      const membership = await resolveMembership({ em: ctx.em, actor: ctx.actor, slug: input.workspace });
      return next({ ctx: { membership } });
    } catch (error) {
      if (error instanceof AppError) throw toTRPCError(error);
      throw error;
    }
  });

/** Admins only; a member's attempt is refused and goes into the workspace's audit trail. */
export const adminProcedure = workspaceProcedure.use(async ({ ctx, path, next }) => {
  if (!isActiveAdmin(ctx.membership.access)) {
    await recordRefusedAccess(ctx.em, ctx.actor, { slug: '', workspaceId: ctx.membership.access.workspaceId, reason: 'not_an_admin', procedure: path });
    throw toTRPCError(new AppError('FORBIDDEN', { requiredRole: 'admin' }));
  }
  return next();
});

/**
 * The procedures an API key may call too, each opened on purpose: `people`
 * is who among the workspace's members may call it (any member or admins),
 * `keys` the least role a key needs. Handlers get `ctx.caller` (a person or
 * a key) and `ctx.membership`, the caller's scope in the workspace.
 */
export function keyOpenProcedure(door: { people: 'member' | 'admin'; keys: ApiKeyRole }) {
  return base
    .input(z.looseObject({ workspace: WorkspaceSlug }))
    .use(async ({ ctx, meta, input, path, next }) => {
      let caller: Caller;
      if (ctx.apiKey) {
        if (!apiKeyRoleReaches(ctx.apiKey.apiKey.role, door.keys)) throw toTRPCError(new AppError('FORBIDDEN', { requiredRole: 'admin' }));
        caller = ctx.apiKey;
      } else {
        caller = signedInPerson(ctx, meta).actor;
      }
      try {
        const membership = await resolveCallerScope({ em: ctx.em, caller, slug: input.workspace });
        if (!caller.apiKey && door.people === 'admin' && !isActiveAdmin(membership.access)) {
          await recordRefusedAccess(ctx.em, caller, { slug: '', workspaceId: membership.access.workspaceId, reason: 'not_an_admin', procedure: path });
          throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
        }
        return next({ ctx: { caller, membership } });
      } catch (error) {
        if (error instanceof AppError) throw toTRPCError(error);
        throw error;
      }
    });
}

export const staffProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.actor.isStaff) throw toTRPCError(new AppError('FORBIDDEN', { requiredRole: 'staff' }));
  return next();
});

export { TRPCError };

import { apiKeysRouter } from './routers/api-keys.ts';
import { appsRouter } from './routers/apps.ts';
import { passkeysRouter } from './routers/passkeys.ts';
import { domainsRouter } from './routers/domains.ts';
import { scimRouter } from './routers/scim.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { ssoRouter } from './routers/sso.ts';
import { authRouter } from './routers/auth.ts';
import { membersRouter } from './routers/members.ts';
import { profileRouter } from './routers/profile.ts';
import { sessionsRouter } from './routers/sessions.ts';
import { identitiesRouter } from './routers/identities.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { platformRouter, stewardshipRouter } from './routers/platform.ts';
import { twoFactorRouter } from './routers/two-factor.ts';
import { joinLinkRouter } from './routers/join-link.ts';
import { auditRouter } from './routers/audit.ts';
import { systemRouter } from './routers/system.ts';
import { tasksRouter } from './routers/tasks.ts';
import { workspaceRouter } from './routers/workspace.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  sessions: sessionsRouter,
  profile: profileRouter,
  twoFactor: twoFactorRouter,
  identities: identitiesRouter,
  workspace: workspaceRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  joinLink: joinLinkRouter,
  tasks: tasksRouter,
  audit: auditRouter,
  system: systemRouter,
  platform: platformRouter,
  stewardship: stewardshipRouter,
  apps: appsRouter,
  apiKeys: apiKeysRouter,
  passkeys: passkeysRouter,
  domains: domainsRouter,
  scim: scimRouter,
  webhooks: webhooksRouter,
  sso: ssoRouter,
});

/** The whole API's type: the SPAs and the typed client import this, never a hand-written copy. */
export type AppRouter = typeof appRouter;

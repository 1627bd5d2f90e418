import { appDoorSessionOf } from '../../actor.ts';
import { Router, type Request, type Response } from 'express';
import { validateSessionToken } from '@gatehouse/auth';
import type { Orm } from '@gatehouse/db';
import { appDoor, findAppRecord, type AppDoorStep } from '@gatehouse/services';
import { csrfGuard } from '../csrf.ts';
import { readCookie, type SessionCookieSettings } from '../session-cookie.ts';
import { OIDC_TTL, type OidcIssuer } from './issuer.ts';

/** The claims each scope an app may ask for gives it, as the consent screen lists them. */
const SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'locale'],
  workspace: ['workspace'],
  offline_access: [],
};

/** What the portal's page for one sign-in to an app shows next. */
export type InteractionState =
  | { step: 'expired' }
  | ({ step: 'sign_in' | 'refused' | 'consent' | 'redirect' } & {
      app: { id: string; name: string; logoUrl: string | null };
      workspace: { slug: string; name: string };
      signedInAs: { name: string; email: string } | null;
      reason?: Extract<AppDoorStep, { step: 'sign_in' }>['reason'];
      code?: Extract<AppDoorStep, { step: 'refused' }>['code'];
      scopes?: string[];
      claims?: string[];
      redirectTo?: string;
    });

/**
 * /oidc/interaction/:uid/…: the JSON the portal's app sign-in page works
 * with while the provider waits. The page itself is the portal's (served for
 * /oidc/interaction/:uid); the provider's interaction cookie is scoped to that
 * path, so only the browser that started the sign-in can go on with it.
 */
export function interactionRoutes(options: { orm: Orm; issuer: OidcIssuer; cookie: SessionCookieSettings; publicUrl: URL }): Router {
  const { orm, issuer, cookie } = options;
  const router = Router();
  router.use(csrfGuard(new Set([options.publicUrl.origin])));

  async function stateOf(req: Request, res: Response, finish: 'consent' | 'none'): Promise<InteractionState> {
    // The provider of now: it is rebuilt when the signing keys change.
    const provider = issuer.provider;
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return { step: 'expired' };
    }
    if (details.uid !== req.params.uid) return { step: 'expired' };
    const em = orm.em.fork();
    const app = await findAppRecord(em, details.params.client_id);
    if (!app) return { step: 'expired' };
    const token = readCookie(req, cookie.name);
    const auth = token ? await validateSessionToken(em, token) : null;
    // The app asked for a fresh sign-in (prompt=login, max_age): only a session started during this interaction counts.
    const reasons = details.prompt.name === 'login' ? details.prompt.reasons : [];
    const signedInAfter = reasons.includes('login_prompt') || reasons.includes('max_age') ? new Date((details.exp - OIDC_TTL.Interaction) * 1000) : null;
    const door = await appDoor(em, { app, session: auth ? appDoorSessionOf(auth) : null, signedInAfter });
    const base = {
      app: { id: app.appId, name: app.appName, logoUrl: app.logoUrl },
      workspace: { slug: app.workspaceSlug, name: app.workspaceName },
      signedInAs: auth ? { name: auth.profile.name, email: auth.profile.email } : null,
    };
    if (door.step === 'sign_in') return { step: 'sign_in', reason: door.reason, ...base };
    if (door.step === 'refused') return { step: 'refused', code: door.code, ...base };

    const login = { accountId: auth!.profile.id, amr: auth!.session.amr, ts: Math.floor(auth!.session.createdAt.getTime() / 1000), remember: true };
    const missingScopes = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
    const missingClaims = (details.prompt.details.missingOIDCClaims as string[] | undefined) ?? [];
    const asking = details.prompt.name === 'consent' && !app.skipConsent;
    if (asking && finish !== 'consent') {
      return { step: 'consent', scopes: missingScopes, claims: [...new Set([...missingScopes.flatMap((scope) => SCOPE_CLAIMS[scope] ?? []), ...missingClaims])], ...base };
    }
    const result: Record<string, unknown> = { login };
    if (details.prompt.name === 'consent') {
      const grant = details.grantId ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId: login.accountId, clientId: app.appId })) : new provider.Grant({ accountId: login.accountId, clientId: app.appId });
      if (missingScopes.length) grant.addOIDCScope(missingScopes.join(' '));
      if (missingClaims.length) grant.addOIDCClaims(missingClaims);
      const missingResources = (details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined) ?? {};
      for (const [indicator, scopes] of Object.entries(missingResources)) grant.addResourceScope(indicator, scopes.join(' '));
      result.consent = { grantId: await grant.save() };
    }
    const redirectTo = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
    return { step: 'redirect', redirectTo, ...base };
  }

  const answer = (res: Response, state: InteractionState) => {
    res.setHeader('Cache-Control', 'no-store');
    res.status(state.step === 'expired' ? 410 : 200).json(state);
  };

  // Where the person stands; admitted to an app that needs no consent, the sign-in finishes at once.
  router.get('/:uid/state', async (req, res) => answer(res, await stateOf(req, res, 'none')));
  // The person allowed what the consent screen listed.
  router.post('/:uid/allow', async (req, res) => answer(res, await stateOf(req, res, 'consent')));
  // The person turned the app down (or gave up on a refusal): the app hears access_denied.
  router.post('/:uid/deny', async (req, res) => {
    const provider = issuer.provider;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== req.params.uid) return void answer(res, { step: 'expired' });
      const redirectTo = await provider.interactionResult(req, res, { error: 'access_denied', error_description: 'The person did not sign in to this app.' }, { mergeWithLastSubmission: false });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ step: 'redirect', redirectTo });
    } catch {
      answer(res, { step: 'expired' });
    }
  });
  return router;
}

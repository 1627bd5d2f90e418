import { createSession, invalidateSession, newSession, type SessionInfo } from '@gatehouse/auth';
import { AuditEvent, deleteProfileSessions, deleteWorkspaceSessions, revokeOidcAccountRecords, insertSessionRecord, KnownDevice, recordDeviceSighting, recordKnownDeviceSignIn, restartSignInClock, type EntityManager, type Member, type Profile, type Workspace } from '@gatehouse/db';
import type { SessionClient, WayIn } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor, RequestOrigin } from '../shared/actor.ts';
import { auditRowOf } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { deviceHashOf } from './known-devices.ts';
import { profileView, type ProfileView } from '../shared/views.ts';

export interface SignedIn {
  status: 'signed_in';
  token: string;
  session: SessionInfo;
  profile: ProfileView;
  workspace: { slug: string; name: string } | null;
}

/** A short readable device name for the mail, without pulling in a parser. */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'unknown device';
  const browser = /(Edg|OPR|Firefox|Chrome|Version)\/(\d+)/.exec(userAgent);
  const system = /Windows|iPhone|iPad|Mac OS X|Android|Linux/.exec(userAgent)?.[0]?.replace('Mac OS X', 'macOS');
  const name = browser ? `${browser[1] === 'Version' ? 'Safari' : browser[1] === 'Edg' ? 'Edge' : browser[1] === 'OPR' ? 'Opera' : browser[1]} ${browser[2]}` : userAgent.slice(0, 40);
  return system ? `${name} · ${system}` : name;
}

/*
 * Where every session starts and ends. Each way in (password, second factor,
 * recovery code, social, a just-accepted invitation — passkeys later) calls
 * `startSession`; every way out (sign-out, revoking a device, a password
 * change or reset, dismissal, an admin's "end sessions") calls one of the
 * `end…` functions below. Nothing else writes or deletes session rows.
 */

/** How a session was earned, as the audit trail records it. */
export type SignInMethod = 'password' | 'two_factor' | 'recovery_code' | 'social' | 'sso' | 'invitation' | 'passkey';

/** What a first factor proves, as RFC 8176 names it (an invitation is accepted with a new password). */
export type FirstFactor = 'password' | 'social' | 'sso';

/** The session's authentication methods (`amr`), which apps signing in through Gatehouse are told. */
export function methodReferences(method: SignInMethod, firstFactor?: FirstFactor): string[] {
  const first = method === 'social' || method === 'sso' || firstFactor === 'social' || firstFactor === 'sso' ? 'fed' : 'pwd';
  // A passkey with user verification is two factors in one: the key held, and the person who unlocked it.
  if (method === 'passkey') return firstFactor ? [first, 'hwk', 'mfa'] : ['hwk', 'mfa'];
  if (method === 'two_factor') return [first, 'otp', 'mfa'];
  if (method === 'recovery_code') return [first, 'mfa'];
  return [first];
}

/**
 * A fresh session, the workspace's sign-in clock, the audit trail, and a mail
 * when the device was never seen before for this profile (not for its very first).
 */
export async function startSession(options: {
  em: EntityManager;
  config: ServiceConfig;
  profile: Profile;
  workspace: Workspace | null;
  client: SessionClient;
  origin: RequestOrigin;
  method: SignInMethod;
  /** Before a second step: what the first one was. */
  firstFactor?: FirstFactor;
  /** The way in, which the workspace's policy allows or not; a password when not said (an invitation's new password). */
  wayIn?: WayIn;
  /** The workspace's policy lets this session only set up a second step. */
  setupOnly?: boolean;
}): Promise<SignedIn> {
  const { config, profile, workspace, origin } = options;
  const now = new Date();
  const deviceHash = deviceHashOf(profile.id, origin);
  const started = newSession({
    profileId: profile.id,
    workspaceId: workspace?.id ?? null,
    client: options.client,
    userAgent: origin.userAgent,
    ipAddress: origin.ipAddress,
    idleMinutes: workspace?.sessionIdleMinutes ?? null,
    maxHours: workspace?.sessionMaxHours ?? null,
    wayIn: options.wayIn ?? 'password',
    setupOnly: options.setupOnly ?? false,
    amr: methodReferences(options.method, options.firstFactor),
    now,
  });
  const audit = (newDevice: boolean) =>
    auditRowOf({ profileId: profile.id, origin }, {
      workspaceId: workspace?.id ?? null,
      action: 'sign_in.succeeded',
      targetProfileId: profile.id,
      details: { method: options.method, client: options.client, newDevice },
    });
  // Nearly every sign-in comes from a device seen before: all its writes are one statement.
  const known = await recordKnownDeviceSignIn(options.em, { session: started.record, deviceHash, audit: audit(false) });
  // A new device: one transaction, so the device, the workspace's clock, the audit event, the mail and the session exist together or not at all.
  if (!known) {
    await options.em.transactional(async (em) => {
      // Any sign-in restarts the abandoned-workspace clock and its warnings.
      if (workspace) await restartSignInClock(em, workspace.id, now);
      // One statement records the device (or finds it, when two first sign-ins race on it).
      const newDevice = await recordDeviceSighting(em, { profileId: profile.id, deviceHash, now });
      // The very first device is not news; any later one is mailed to the person.
      if (newDevice && (await em.count(KnownDevice, { profile: profile.id })) > 1) {
        enqueueMail(em, {
          to: profile.email,
          kind: 'new_device',
          locale: profile.locale,
          params: { device: deviceName(origin.userAgent), address: origin.ipAddress ?? 'unknown', when: now, sessionsLink: portalLink(config, '/sessions') },
        });
      }
      em.create(AuditEvent, audit(newDevice));
      await em.flush();
      await insertSessionRecord(em, started.record);
    });
  }
  const { token, session } = started;
  return { status: 'signed_in', token, session, profile: profileView(profile), workspace: workspace ? { slug: workspace.slug, name: workspace.name } : null };
}

/**
 * A new session id for a browser after a privilege change (password, second
 * factor), so an id observed before the change is worth nothing after.
 */
export async function rotateSession(em: EntityManager, actor: Actor, current: { workspaceId: string | null; amr: string[]; wayIn: WayIn }): Promise<{ token: string; session: SessionInfo }> {
  const started = await createSession(em, {
    profileId: actor.profileId,
    workspaceId: current.workspaceId,
    amr: current.amr,
    wayIn: current.wayIn,
    client: 'browser',
    userAgent: actor.origin.userAgent,
    ipAddress: actor.origin.ipAddress,
  });
  await invalidateSession(em, actor.sessionId);
  return started;
}

/** One session ends (sign-out, a device revoked). */
export async function endSession(em: EntityManager, sessionId: string): Promise<void> {
  await invalidateSession(em, sessionId);
}

/**
 * Every session of a profile ends, but the one named (the caller's own after a
 * password change); a reset keeps none. The apps it signed in to through
 * Gatehouse lose their grants and tokens too: they are sessions elsewhere.
 */
export async function endProfileSessions(em: EntityManager, profileId: string, options: { except?: string | null } = {}): Promise<number> {
  await revokeOidcAccountRecords(em, { accountId: profileId, workspaceId: null });
  return deleteProfileSessions(em, { profileId, exceptId: options.except ?? null });
}

/**
 * Ends a member's access through every session started until now: the
 * sessions signed in at this workspace are deleted, and older network
 * sessions can no longer act in it (`sessionsValidFrom`). Dismissal, an
 * admin's "end sessions" and an admin's 2FA reset all go through here, so a
 * rehired member signs in afresh instead of finding an old session revived.
 */
export async function endMemberSessions(em: EntityManager, member: Member, now = new Date()): Promise<number> {
  member.sessionsValidFrom = now;
  if (!member.profile) return 0;
  // The workspace's apps lose the member's grants and tokens with the sessions.
  await revokeOidcAccountRecords(em, { accountId: member.profile.id, workspaceId: member.workspace.id });
  return deleteWorkspaceSessions(em, { profileId: member.profile.id, workspaceId: member.workspace.id });
}

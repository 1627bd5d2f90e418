import { Member, Profile, type EntityManager, type Orm } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { issueDownloadLink, readDownloadLink, type DownloadFile } from '../shared/download-link.ts';
import { recordAudit, securityEventPages } from '../audit/index.ts';
import { listIdentities, listSessions, twoFactorStatus } from '../sign-in/index.ts';
import { listPasskeys } from '../passkeys/index.ts';
import { listGrantedApps } from '../apps/index.ts';

/*
 * "Download my data" (GDPR articles 15 and 20): one JSON file of what
 * Gatehouse holds about the person — the profile, how they sign in (the
 * metadata only: never a password hash, a TOTP secret, a recovery code, a
 * token or a key), their sessions, apps, memberships with roles and
 * statuses, and their whole security history, streamed page by page.
 */

interface MyDataGrant {
  profileId: string;
  /** The session that asked: the file marks it as the current one. */
  sessionId: string;
}

/** A download link for the caller's data; the download is a line of their security history. */
export async function requestMyDataExport(options: { em: EntityManager; config: ServiceConfig; actor: Actor; now?: Date }): Promise<{ url: string; expiresAt: string }> {
  await options.config.limits.consume('personalExport', options.actor.profileId);
  recordAudit(options.em, options.actor, { workspaceId: null, action: 'profile.data_exported', targetProfileId: options.actor.profileId, details: { what: 'all', format: 'json' } });
  await options.em.flush();
  return issueDownloadLink(options.config, 'my-data', { profileId: options.actor.profileId, sessionId: options.actor.sessionId } satisfies MyDataGrant, options.now);
}

/** The profile as the person may read it: what they told us, when things happened, and whether each way in is set — not its secrets. */
async function profileSection(em: EntityManager, profileId: string) {
  const profile = await em.findOneOrFail(Profile, { id: profileId }, { populate: ['passwordHash'] });
  return {
    id: profile.id,
    email: profile.email,
    emailVerifiedAt: profile.emailVerifiedAt?.toISOString() ?? null,
    name: profile.name,
    locale: profile.locale,
    hasPassword: profile.passwordHash != null,
    passwordChangedAt: profile.passwordChangedAt?.toISOString() ?? null,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

/** Every workspace the person is a member of, dismissed ones included, with what the workspace keeps about them. */
async function membershipsSection(em: EntityManager, profileId: string) {
  const members = await em.find(Member, { profile: profileId }, { populate: ['workspace'], orderBy: { createdAt: 'asc' } });
  return members.map((member) => ({
    workspace: { slug: member.workspace.getEntity().slug, name: member.workspace.getEntity().name },
    role: member.role,
    status: member.status,
    source: member.source,
    name: member.name,
    contactEmail: member.contactEmail ?? null,
    mailboxEmail: member.mailboxEmail ?? null,
    position: member.position ?? null,
    joinedAt: member.joinedAt?.toISOString() ?? null,
    dismissedAt: member.dismissedAt?.toISOString() ?? null,
  }));
}

/** The sections before the history, each read on its own entity manager; the history follows as an array streamed page by page. */
async function* myDataChunks(orm: Orm, grant: MyDataGrant): AsyncGenerator<string> {
  const em = orm.em.fork();
  const person = { profileId: grant.profileId, sessionId: grant.sessionId };
  const { exemptions, ...twoFactor } = await twoFactorStatus({ em, actor: person });
  const head = {
    exportedAt: new Date().toISOString(),
    profile: await profileSection(em, grant.profileId),
    twoFactor: { ...twoFactor, workspaceExemptions: exemptions },
    passkeys: await listPasskeys({ em, actor: person }),
    identities: await listIdentities({ em, actor: person }),
    sessions: await listSessions({ em, actor: person }),
    apps: await listGrantedApps({ em, actor: person }),
    memberships: await membershipsSection(em, grant.profileId),
  };
  yield JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "securityEvents": [');
  let first = true;
  for await (const events of securityEventPages(orm, grant.profileId)) {
    yield events.map((event) => `${first ? ((first = false), '\n    ') : ',\n    '}${JSON.stringify(event)}`).join('');
  }
  yield '\n  ]\n}\n';
}

/** The file a my-data link promises; NOT_FOUND for a link that is not one. */
export function openMyDataExport(orm: Orm, config: ServiceConfig, token: string, now = new Date()): DownloadFile {
  const grant = readDownloadLink<MyDataGrant>(config, 'my-data', token, now);
  return {
    fileName: `gatehouse-my-data-${new Date().toISOString().slice(0, 10)}.json`,
    contentType: 'application/json; charset=utf-8',
    ownerProfileId: grant.profileId,
    chunks: myDataChunks(orm, grant),
  };
}

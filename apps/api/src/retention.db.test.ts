import { describe, expect, it } from 'vitest';
import { queryRows } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { announceExpiredInvitations, purgeExpired } from '@gatehouse/services';
import { failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

/*
 * What the purge job does with time: an invitation whose link expired is
 * announced to its workspace (audit trail and webhooks) exactly once per
 * expiry, and each workspace's audit trail is kept as long as its plan and
 * its admins say, no longer.
 */

const test = useTestServer();
const { db, people } = test;

async function workspace(plan: 'free' | 'standard') {
  const admin = await people.signedIn({ name: 'Rita Retention' });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `Kept ${plan}`, slug });
  const [{ id } = { id: '' }] = await queryRows<{ id: string }>(db.orm.em.fork(), `update workspace set plan = $2 where slug = $1 returning id`, [slug, plan]);
  return { admin, slug, workspaceId: id };
}

/** An event of the workspace's trail recorded `daysAgo` days ago. */
async function eventDaysAgo(workspaceId: string, daysAgo: number): Promise<string> {
  const [{ id } = { id: '' }] = await queryRows<{ id: string }>(
    db.orm.em.fork(),
    `insert into audit_event (id, workspace_id, action, created_at) values (gen_random_uuid(), $1, 'task.deleted', now() - make_interval(days => $2)) returning id`,
    [workspaceId, daysAgo],
  );
  return id;
}

async function remaining(ids: string[]): Promise<string[]> {
  return (await queryRows<{ id: string }>(db.orm.em.fork(), `select id from audit_event where id = any($1::uuid[])`, [ids])).map((row) => row.id).sort();
}

describe('expired invitations', () => {
  it('are announced once per expiry — in the trail and as an invitation.expired webhook event — even by two processes at once, and again after a resend expires', async () => {
    const { admin, slug, workspaceId } = await workspace('standard');
    const email = uniqueEmail('late');
    const [invited] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email] });
    const expire = () => queryRows(db.orm.em.fork(), `update member set invitation_expires_at = now() - interval '1 minute' where id = $1`, [invited!.memberId]);
    await expire();
    const [first, second] = await Promise.all([announceExpiredInvitations({ em: db.orm.em.fork(), now: new Date() }), announceExpiredInvitations({ em: db.orm.em.fork(), now: new Date() })]);
    expect((first ?? 0) + (second ?? 0)).toBe(1);
    expect(await announceExpiredInvitations({ em: db.orm.em.fork(), now: new Date() })).toBe(0);

    const told = async () => ({
      audit: (await queryRows<{ n: number }>(db.orm.em.fork(), `select count(*)::int as n from audit_event where workspace_id = $1 and action = 'member.invitation_expired'`, [workspaceId]))[0]?.n,
      hooks: (await queryRows<{ n: number }>(db.orm.em.fork(), `select count(*)::int as n from webhook_event where workspace_id = $1 and type = 'invitation.expired'`, [workspaceId]))[0]?.n,
    });
    expect(await told()).toEqual({ audit: 1, hooks: 1 });
    const trail = await admin.client.audit.list.query({ workspace: slug, action: 'member.invitation_expired' });
    expect(trail.items).toMatchObject([{ actor: null, target: { memberId: invited!.memberId }, details: { email } }]);

    // Resent (a few minutes later), the invitation has a new expiry: told again once that one passes.
    await queryRows(db.orm.em.fork(), `update member set invitation_sent_at = now() - interval '5 minutes' where id = $1`, [invited!.memberId]);
    await admin.client.invitations.resend.mutate({ workspace: slug, memberId: invited!.memberId! });
    expect(await announceExpiredInvitations({ em: db.orm.em.fork(), now: new Date() })).toBe(0);
    await expire();
    expect(await announceExpiredInvitations({ em: db.orm.em.fork(), now: new Date() })).toBe(1);
    expect(await told()).toEqual({ audit: 2, hooks: 2 });
  });
});

describe('audit retention', () => {
  it('keeps a free workspace’s trail a year and a paid one’s forever, unless its admins choose less', async () => {
    const free = await workspace('free');
    const paid = await workspace('standard');
    const freeOld = await eventDaysAgo(free.workspaceId, 400);
    const freeRecent = await eventDaysAgo(free.workspaceId, 100);
    const paidOld = await eventDaysAgo(paid.workspaceId, 4000);
    const paidRecent = await eventDaysAgo(paid.workspaceId, 100);
    expect((await free.admin.client.workspace.get.query({ workspace: free.slug })).settings).toMatchObject({ auditRetentionDays: null, auditKeptDays: 365 });
    expect((await paid.admin.client.workspace.get.query({ workspace: paid.slug })).settings).toMatchObject({ auditRetentionDays: null, auditKeptDays: null });

    const report = await purgeExpired({ em: db.orm.em.fork(), now: new Date() });
    expect(report.auditEvents).toBeGreaterThanOrEqual(1);
    expect(await remaining([freeOld, freeRecent, paidOld, paidRecent])).toEqual([freeRecent, paidOld, paidRecent].sort());

    // The paid workspace's admin keeps 90 days: the change is in the trail, and the purge follows it.
    const updated = await paid.admin.client.workspace.updateSettings.mutate({ workspace: paid.slug, auditRetentionDays: 90 });
    expect(updated.settings).toMatchObject({ auditRetentionDays: 90, auditKeptDays: 90 });
    const change = await paid.admin.client.audit.list.query({ workspace: paid.slug, action: 'workspace.settings_changed' });
    expect(change.items[0]?.details).toMatchObject({ auditRetentionDays: { from: null, to: 90 } });
    await purgeExpired({ em: db.orm.em.fork(), now: new Date() });
    expect(await remaining([paidOld, paidRecent])).toEqual([]);

    // A free workspace cannot keep more than its year by choosing ten.
    await free.admin.client.workspace.updateSettings.mutate({ workspace: free.slug, auditRetentionDays: 3650 });
    expect((await free.admin.client.workspace.get.query({ workspace: free.slug })).settings).toMatchObject({ auditRetentionDays: 3650, auditKeptDays: 365 });
  });

  it('refuses a choice it does not offer, and asks for a confirmation before keeping less when the sign-in is old', async () => {
    const { admin, slug } = await workspace('standard');
    expect((await failureOf(admin.client.workspace.updateSettings.mutate({ workspace: slug, auditRetentionDays: 7 }))).appCode).toBe('INVALID_INPUT');
    await queryRows(db.orm.em.fork(), `update session set authenticated_at = now() - interval '2 hours' where profile_id = $1`, [admin.profile.id]);
    expect((await failureOf(admin.client.workspace.updateSettings.mutate({ workspace: slug, auditRetentionDays: 365 }))).appCode).toBe('REAUTHENTICATION_REQUIRED');
    expect((await admin.client.workspace.get.query({ workspace: slug })).settings.auditRetentionDays).toBeNull();
    // Keeping longer erases nothing and needs no confirmation; keeping less does, with the password.
    await admin.client.workspace.updateSettings.mutate({ workspace: slug, name: 'Renamed without a question' });
    const confirmed = await admin.client.workspace.updateSettings.mutate({ workspace: slug, auditRetentionDays: 365, password: TEST_PASSWORD });
    expect(confirmed.settings.auditRetentionDays).toBe(365);
    expect((await admin.client.workspace.updateSettings.mutate({ workspace: slug, auditRetentionDays: 3650 })).settings.auditKeptDays).toBe(3650);
    // Old events are cut at the next purge, not at once: the change itself is kept in the trail.
    expect((await admin.client.audit.list.query({ workspace: slug, action: 'workspace.settings_changed' })).items.length).toBeGreaterThanOrEqual(3);
  });
});

import { describe, expect, it } from 'vitest';
import { AuditEvent, Member, Profile, Workspace } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { appCodeOf } from '@gatehouse/client';
import { linkIn } from '@gatehouse/mail';
import { runAbandonedCleanup } from '@gatehouse/services';
import { failureOf, startTestServer, TEST_PASSWORD, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;
const DAY = 86_400_000;

const secretOf = (link: string) => new URL(link).hash.slice(1);

async function workspaceWith(silentDays: number, plan: 'free' | 'standard' = 'free') {
  const admin = await people.signedIn({ name: 'Quiet Admin' });
  const slug = uniqueSlug('quiet');
  await admin.client.workspace.create.mutate({ name: `Quiet ${slug}`, slug });
  await db.orm.em.fork().nativeUpdate(Workspace, { slug }, { lastSignInAt: new Date(Date.now() - silentDays * DAY), plan });
  return { admin, slug };
}

describe('abandoned free workspaces', () => {
  it('warns the admins at 40 and 47 silent days, once each, and deletes at 50 — keeping everyone’s profile', async () => {
    const { admin, slug } = await workspaceWith(40);
    const cleanup = async (now: Date) => {
      const report = await runAbandonedCleanup({ em: db.orm.em.fork(), config: test.server.serviceConfig, now });
      await test.server.mailSender.deliverDue();
      return report;
    };
    const start = new Date();
    expect((await cleanup(start)).warned).toContain(slug);
    const first = await test.server.mailSink!.waitFor(admin.email, (mail) => mail.subject.includes('will be deleted in 10 days'));
    expect(first.text).toContain(`/signin?workspace=${slug}`);
    expect((await cleanup(start)).warned).not.toContain(slug);

    expect((await cleanup(new Date(start.getTime() + 7 * DAY))).warned).toContain(slug);
    await test.server.mailSink!.waitFor(admin.email, (mail) => mail.subject.includes('will be deleted in 3 days'));

    expect((await cleanup(new Date(start.getTime() + 10 * DAY))).deleted).toContain(slug);
    expect(await db.orm.em.fork().count(Workspace, { slug })).toBe(0);
    expect(await db.orm.em.fork().count(Profile, { id: admin.profile.id })).toBe(1);
    const audit = await db.orm.em.fork().find(AuditEvent, { action: 'workspace.deleted_abandoned' });
    expect(audit.some((event) => event.details?.slug === slug)).toBe(true);
  });

  it('never deletes a paid workspace, and any sign-in restarts the clock', async () => {
    const paid = await workspaceWith(400, 'standard');
    const active = await workspaceWith(49);
    await (await people.anonymous()).auth.signIn.mutate({ email: active.admin.email, password: TEST_PASSWORD, workspace: active.slug });
    const report = await runAbandonedCleanup({ em: db.orm.em.fork(), config: test.server.serviceConfig, now: new Date() });
    expect(report.deleted).not.toContain(paid.slug);
    expect(report.deleted).not.toContain(active.slug);
    expect(report.warned).not.toContain(active.slug);
  });

  it('runs once when two api processes are told to run it at the same moment', async () => {
    const second = await startTestServer({ databaseUrl: db.url });
    try {
      const { slug } = await workspaceWith(60);
      await Promise.all([test.server.jobs.trigger('abandoned-cleanup'), second.jobs.trigger('abandoned-cleanup')]);
      const deadline = Date.now() + 20_000;
      while ((await db.orm.em.fork().count(Workspace, { slug })) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await db.orm.em.fork().count(Workspace, { slug })).toBe(0);
      const deletions = (await db.orm.em.fork().find(AuditEvent, { action: 'workspace.deleted_abandoned' })).filter((event) => event.details?.slug === slug);
      expect(deletions).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('plans', () => {
  it('lets only platform staff change a plan; a downgrade below use blocks new seats and touches nobody', async () => {
    const { admin, slug } = await workspaceWith(0, 'standard');
    await admin.client.invitations.send.mutate({ workspace: slug, emails: Array.from({ length: 14 }, (_, i) => `seat${i}-${slug}@example.test`) });
    expect((await failureOf(admin.client.platform.setPlan.mutate({ workspace: slug, plan: 'free' }))).appCode).toBe('FORBIDDEN');

    const staff = await people.signedIn({ name: 'Platform Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });
    const downgraded = await staff.client.platform.setPlan.mutate({ workspace: slug, plan: 'free' });
    expect(downgraded.seats).toEqual({ used: 15, total: 12 });
    expect(await db.orm.em.fork().count(Member, { workspace: { slug } })).toBe(15);
    const [refused] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [`late-${slug}@example.test`] });
    expect(refused).toMatchObject({ ok: false, appCode: 'SEAT_LIMIT_REACHED' });
    expect((await staff.client.platform.setPlan.mutate({ workspace: slug, plan: 'professional' })).seats.total).toBe(250);
  });

  it('lists every workspace for staff only, searchable by address or name, with seats and last sign-in, page by page', async () => {
    const first = await workspaceWith(3);
    const second = await workspaceWith(0);
    await first.admin.client.invitations.send.mutate({ workspace: first.slug, emails: [`one-${first.slug}@example.test`] });
    expect((await failureOf(first.admin.client.platform.workspaces.query({}))).appCode).toBe('FORBIDDEN');
    const staff = await people.signedIn({ name: 'Listing Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });

    const found = await staff.client.platform.workspaces.query({ search: first.slug });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ slug: first.slug, plan: 'free', seats: { used: 2, total: 12 } });
    expect(Date.now() - Date.parse(found.items[0]!.lastSignInAt)).toBeGreaterThan(2.9 * DAY);
    // The name finds it too, and paging walks the whole list in address order without repeats.
    expect((await staff.client.platform.workspaces.query({ search: `Quiet ${second.slug}` })).items.map((item) => item.slug)).toEqual([second.slug]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await staff.client.platform.workspaces.query({ limit: 2, search: 'Quiet', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([first.slug, second.slug]));
  });
});

describe('the creator role and admin recovery', () => {
  async function memberOf(slug: string, admin: Awaited<ReturnType<typeof people.signedIn>>, name: string) {
    const person = await people.signedIn({ name });
    const [invited] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [person.email] });
    const mail = await test.server.mailSink!.waitFor(person.email);
    await person.client.invitations.accept.mutate({ token: secretOf(linkIn(mail, `${test.server.publicUrl}/invitation#`)) });
    return { ...person, memberId: invited!.memberId! };
  }

  it('hands the creator role over only when the other admin accepts; only the creator demotes a dismissed admin', async () => {
    const { admin: creator, slug } = await workspaceWith(0);
    const other = await memberOf(slug, creator, 'Next Creator');
    await creator.client.members.setRole.mutate({ workspace: slug, memberId: other.memberId, role: 'admin', password: TEST_PASSWORD });
    expect((await failureOf(other.client.stewardship.offerCreator.mutate({ workspace: slug, memberId: other.memberId, password: TEST_PASSWORD }))).appCode).toBe('CREATOR_PROTECTED');
    // Another admin is not offered what the creator rule would refuse; the creator keeps every choice about themselves.
    const creatorMember = (await creator.client.members.list.query({ workspace: slug })).items.find((member) => member.isCreator)!;
    const seenByOther = await other.client.members.get.query({ workspace: slug, memberId: creatorMember.id });
    expect([seenByOther.actions?.includes('dismiss'), seenByOther.canChangeRole]).toEqual([false, false]);
    expect((await creator.client.members.get.query({ workspace: slug, memberId: creatorMember.id })).canChangeRole).toBe(true);
    await creator.client.stewardship.offerCreator.mutate({ workspace: slug, memberId: other.memberId, password: TEST_PASSWORD });
    const before = await db.orm.em.fork().findOneOrFail(Workspace, { slug });
    expect(before.creator.id).toBe(creator.profile.id);
    await other.client.stewardship.acceptCreator.mutate({ workspace: slug });
    expect((await db.orm.em.fork().findOneOrFail(Workspace, { slug })).creator.id).toBe(other.profile.id);

    // The old creator is an ordinary admin now: a dismissed admin's rights are the new creator's to take.
    const third = await memberOf(slug, other, 'Dismissed Admin');
    await other.client.members.setRole.mutate({ workspace: slug, memberId: third.memberId, role: 'admin', password: TEST_PASSWORD });
    await other.client.members.dismiss.mutate({ workspace: slug, memberId: third.memberId });
    expect((await failureOf(creator.client.members.setRole.mutate({ workspace: slug, memberId: third.memberId, role: 'employee', password: TEST_PASSWORD }))).appCode).toBe('CREATOR_PROTECTED');
    await other.client.members.setRole.mutate({ workspace: slug, memberId: third.memberId, role: 'employee', password: TEST_PASSWORD });
  });

  it('lets a member of a workspace without admins ask for one, and staff appoint them', async () => {
    const { admin, slug } = await workspaceWith(0);
    const requester = await memberOf(slug, admin, 'Rita Requester');
    const proposed = await memberOf(slug, admin, 'Paul Proposed');
    const letter = { name: 'letter.pdf', base64: Buffer.from('%PDF-1.7\nsigned by the director\n%%EOF').toString('base64') };
    const filing = {
      workspace: slug,
      formerAdminName: 'Quiet Admin',
      formerAdminLogin: admin.email,
      proposedMemberId: proposed.memberId,
      statement: 'Our only administrator left the company without handing over.',
      letter,
    };
    // An admin appoints admins directly; this door is not theirs.
    expect((await failureOf(admin.client.stewardship.fileRecovery.mutate(filing))).appCode).toBe('FORBIDDEN');

    // The only admin is gone (dismissed outside the rules, as when a person leaves for good).
    await db.orm.em.fork().nativeUpdate(Member, { workspace: { slug }, profile: admin.profile.id }, { status: 'dismissed' });
    const html = { ...filing, letter: { name: 'letter.pdf', base64: Buffer.from('<html>not a letter</html>').toString('base64') } };
    expect((await failureOf(requester.client.stewardship.fileRecovery.mutate(html))).appCode).toBe('INVALID_INPUT');
    const { id } = await requester.client.stewardship.fileRecovery.mutate(filing);

    const staff = await people.signedIn({ name: 'Sam Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });
    expect((await failureOf(requester.client.platform.recoveryRequests.query())).appCode).toBe('FORBIDDEN');
    const pending = await staff.client.platform.recoveryRequests.query({ status: 'pending' });
    expect(pending.find((request) => request.id === id)).toMatchObject({ workspace: { slug }, proposedAdmin: { name: 'Paul Proposed' }, letter: { type: 'application/pdf' } });

    await staff.client.platform.reviewRecovery.mutate({ id, approve: true, note: 'Letter verified by phone.' });
    expect((await proposed.client.workspace.get.query({ workspace: slug })).myRole).toBe('admin');
    for (const person of [requester, proposed]) {
      const mail = await test.server.mailSink!.waitFor(person.email, (m) => m.subject.endsWith('has a new administrator'));
      expect(mail.text).toContain('Letter verified by phone.');
    }
    expect((await failureOf(staff.client.platform.reviewRecovery.mutate({ id, approve: false }))).appCode).toBe('NOT_FOUND');
  });

  it('lets a member file while admins exist but do not answer: they are mailed and may refuse for seven days, staff decide after', async () => {
    const { admin, slug } = await workspaceWith(0);
    const requester = await memberOf(slug, admin, 'Rosa Requester');
    const proposed = await memberOf(slug, admin, 'Pete Proposed');
    const filing = {
      workspace: slug,
      formerAdminName: 'Silent Admin',
      formerAdminLogin: admin.email,
      proposedMemberId: proposed.memberId,
      statement: 'Our administrator has not answered anyone for two months.',
      letter: { name: 'letter.pdf', base64: Buffer.from('%PDF-1.7\nsigned\n%%EOF').toString('base64') },
    };
    // Two members filing at the same moment: one request waits, the other hears it is already there.
    const both = await Promise.allSettled([requester.client.stewardship.fileRecovery.mutate(filing), proposed.client.stewardship.fileRecovery.mutate(filing)]);
    const first = both.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))[0]!;
    const filer = both[0].status === 'fulfilled' ? requester : proposed;
    expect(both.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(appCodeOf((both.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason)).toBe('RECOVERY_ALREADY_PENDING');
    expect(Date.parse(first.adminsUntil!) - Date.now()).toBeGreaterThan(6.9 * DAY);
    const alert = await test.server.mailSink!.waitFor(admin.email, (mail) => mail.subject.startsWith(`${filer === requester ? 'Rosa Requester' : 'Pete Proposed'} asked platform staff`));
    expect(alert.text).toContain('Our administrator has not answered anyone for two months.');
    expect(alert.text).toContain(`/console/${slug}`);

    const staff = await people.signedIn({ name: 'Sue Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });
    const early = await failureOf(staff.client.platform.reviewRecovery.mutate({ id: first.id, approve: true }));
    expect(early.appCode).toBe('RECOVERY_NOT_DECIDABLE');
    expect(early.message).toContain('The administrators of this workspace may refuse this request until');

    // The admin sees it in the console and refuses it; an admin elsewhere sees nothing of it.
    expect(await admin.client.stewardship.pendingRecovery.query({ workspace: slug })).toMatchObject({ id: first.id, requester: { name: filer === requester ? 'Rosa Requester' : 'Pete Proposed' }, proposedAdmin: { name: 'Pete Proposed' } });
    const stranger = await workspaceWith(0);
    expect((await failureOf(stranger.admin.client.stewardship.refuseRecovery.mutate({ workspace: stranger.slug, id: first.id }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(requester.client.stewardship.refuseRecovery.mutate({ workspace: slug, id: first.id }))).appCode).toBe('FORBIDDEN');
    await admin.client.stewardship.refuseRecovery.mutate({ workspace: slug, id: first.id, note: 'I am still here: call me.' });
    const refused = await test.server.mailSink!.waitFor(filer.email, (mail) => mail.subject.endsWith('was refused'));
    expect(refused.text).toContain('I am still here: call me.');
    expect(await admin.client.stewardship.pendingRecovery.query({ workspace: slug })).toBeNull();
    expect((await admin.client.audit.list.query({ workspace: slug, action: 'recovery' })).items.map((event) => event.action)).toEqual(['recovery.refused', 'recovery.filed']);

    // Filed again, and this time the admins let the seven days pass: their word is over, staff decide.
    const second = await requester.client.stewardship.fileRecovery.mutate(filing);
    await db.orm.em.fork().getConnection().execute(`update recovery_request set admins_until = now() - interval '1 minute' where id = ?`, [second.id]);
    expect((await failureOf(admin.client.stewardship.refuseRecovery.mutate({ workspace: slug, id: second.id }))).appCode).toBe('RECOVERY_NOT_DECIDABLE');
    await staff.client.platform.reviewRecovery.mutate({ id: second.id, approve: true });
    expect((await proposed.client.workspace.get.query({ workspace: slug })).myRole).toBe('admin');
  });
});

describe('workspace settings', () => {
  it('moves the workspace to a new address, refusing a taken one, and records it', async () => {
    const { admin, slug } = await workspaceWith(0);
    const other = await workspaceWith(0);
    expect((await failureOf(admin.client.workspace.updateSettings.mutate({ workspace: slug, slug: other.slug }))).appCode).toBe('SLUG_TAKEN');
    const moved = uniqueSlug('moved');
    expect((await admin.client.workspace.updateSettings.mutate({ workspace: slug, slug: moved })).slug).toBe(moved);
    expect((await admin.client.workspace.get.query({ workspace: moved })).slug).toBe(moved);
    const audit = await admin.client.audit.list.query({ workspace: moved });
    expect(audit.items[0]).toMatchObject({ action: 'workspace.settings_changed', details: { slug: { from: slug, to: moved } } });
  });
});

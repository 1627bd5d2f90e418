import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createClient } from '@gatehouse/client';
import { AuditEvent, Member, Session, Task } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { cookieFetch, failureOf, TEST_PASSWORD, tokenOf, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;

async function workspaceWithAdmin(name = 'Admin Person') {
  const admin = await people.signedIn({ name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${name}'s company`, slug });
  return { admin, slug };
}

/** The secret part of a link the product mailed: what follows `#`. */
function secretOf(link: string): string {
  return new URL(link).hash.slice(1);
}

async function invite(admin: Awaited<ReturnType<typeof workspaceWithAdmin>>['admin'], slug: string, email = uniqueEmail('invitee')) {
  const [result] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email] });
  if (!result?.ok || !result.memberId) throw new Error(`invitation failed: ${result?.appCode}`);
  const mail = await test.server.mailSink!.waitFor(email);
  return { email, memberId: result.memberId, token: secretOf(linkIn(mail, `${test.server.publicUrl}/invitation#`)), mail };
}

describe('the member status machine at the door', () => {
  it('lists what each member allows and refuses the rest with a code that says what was refused', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { memberId: invitedId } = await invite(admin, slug);
    expect((await admin.client.members.get.query({ workspace: slug, memberId: invitedId })).actions).toEqual(['resend', 'delete']);
    // Nobody accepted yet, so there is no access to end: the invitation is deleted instead.
    expect((await failureOf(admin.client.members.dismiss.mutate({ workspace: slug, memberId: invitedId }))).appCode).toBe('MEMBER_NOT_DISMISSABLE');
    expect((await failureOf(admin.client.members.rehire.mutate({ workspace: slug, memberId: invitedId }))).appCode).toBe('NOT_FOUND');

    const member = await people.signedIn();
    const { token, memberId } = await invite(admin, slug, member.email);
    await member.client.invitations.accept.mutate({ token });
    expect((await admin.client.members.get.query({ workspace: slug, memberId })).actions).toEqual(['dismiss', 'endSessions', 'unlockSignIn']);
    expect((await failureOf(admin.client.invitations.resend.mutate({ workspace: slug, memberId }))).appCode).toBe('INVITATION_NOT_PENDING');
    // A member sees no admin's choices.
    expect((await member.client.members.get.query({ workspace: slug, memberId })).actions).toBeUndefined();
  });
});

describe('email invitations', () => {
  it('mails a single-use link; the invitee sets a password twice and is in, with the invited address as contact', async () => {
    const { admin, slug } = await workspaceWithAdmin('Inviting Admin');
    const email = uniqueEmail('newcomer');
    const results = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email, 'not an email'], message: 'Welcome to the team!' });
    expect(results).toEqual([
      { email, ok: true, memberId: expect.any(String) },
      { email: 'not an email', ok: false, appCode: 'INVALID_INPUT' },
    ]);
    const mail = await test.server.mailSink!.waitFor(email);
    expect(mail.subject).toBe(`Inviting Admin invites you to Inviting Admin's company`);
    expect(mail.text).toContain('Welcome to the team!');
    const token = secretOf(linkIn(mail, `${test.server.publicUrl}/invitation#`));

    const anonymous = await people.anonymous();
    expect(await anonymous.invitations.preview.query({ token })).toMatchObject({ email, profileExists: false, inviterName: 'Inviting Admin' });
    const mismatch = await failureOf(anonymous.invitations.accept.mutate({ token, name: 'New Comer', password: TEST_PASSWORD, passwordConfirm: `${TEST_PASSWORD}!` }));
    expect(mismatch.appCode).toBe('INVALID_INPUT');

    const jar = cookieFetch();
    const browser = createClient({ url: test.server.url, fetch: jar });
    const accepted = await browser.invitations.accept.mutate({ token, name: 'New Comer', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    expect(accepted.workspace.slug).toBe(slug);
    expect((await browser.auth.session.query())?.profile.email).toBe(email);
    // Signed in like every other way in: the audit trail and the known devices say so.
    const signedIn = await db.orm.em.fork().find(AuditEvent, { action: 'sign_in.succeeded', targetProfileId: (await browser.auth.session.query())!.profile.id });
    expect(signedIn.map((event) => event.details)).toEqual([expect.objectContaining({ method: 'invitation', client: 'browser' })]);

    const member = await admin.client.members.get.query({ workspace: slug, memberId: accepted.memberId });
    expect(member).toMatchObject({ name: 'New Comer', status: 'active', contactEmail: email, signIn: { kind: 'email', email } });
    expect((await failureOf(anonymous.invitations.preview.query({ token }))).appCode).toBe('TOKEN_INVALID');
  });

  it('is accepted once even when two tabs race', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { token } = await invite(admin, slug);
    const anonymous = await people.anonymous();
    const results = await Promise.allSettled([
      anonymous.invitations.accept.mutate({ token, name: 'Tab One', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD }),
      anonymous.invitations.accept.mutate({ token, name: 'Tab Two', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('is accepted while the workspace is busy with seat changes: accepting takes no seat, so it waits for no workspace lock', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const member = await people.signedIn();
    const { token } = await invite(admin, slug, member.email);
    // Another transaction holds the workspace row, as an invitation or a dismissal in progress does.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from workspace where slug = $1 for no key update', [slug]);
      const accepted = await Promise.race([
        member.client.invitations.accept.mutate({ token }),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000)),
      ]);
      expect(accepted).toMatchObject({ workspace: { slug }, role: 'employee' });
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });

  it('binds a profile that signs in with another address only once the invited mailbox gave its code; the contact email stays the invited one', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { token, email: invited, memberId } = await invite(admin, slug, uniqueEmail('real'));
    const other = await people.signedIn({ name: 'Other Address Person' });
    expect(await other.client.invitations.preview.query({ token })).toMatchObject({ email: invited, signedInAs: { email: other.email }, mailboxProofRequired: true });
    const refused = await failureOf(other.client.invitations.accept.mutate({ token }));
    expect(refused.appCode).toBe('MAILBOX_PROOF_REQUIRED');
    expect(refused.message).toContain(invited);
    expect(await other.client.invitations.sendCode.mutate({ token })).toMatchObject({ sentTo: invited });
    const mail = await test.server.mailSink!.waitFor(invited, (m) => m.subject.startsWith('Your code to join'));
    expect(mail.text).toContain(other.email);
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await failureOf(other.client.invitations.accept.mutate({ token, mailboxCode: wrong }))).appCode).toBe('TWO_FACTOR_INVALID');
    expect(await other.client.invitations.accept.mutate({ token, mailboxCode: code })).toMatchObject({ memberId, role: 'employee' });
    const member = await admin.client.members.get.query({ workspace: slug, memberId });
    expect(member.contactEmail).toBe(invited);
    expect(member.signIn).toEqual({ kind: 'email', email: other.email });
    expect(member.loginDiffersFromContact).toBe(true);
    expect((await other.client.profile.workspaces.query()).map((m) => m.workspace.slug)).toContain(slug);
  });

  it('refuses an address already used in the workspace, saying whether as a login or a contact email (EMAIL_TAKEN)', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const [loginTaken] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [admin.email.toUpperCase()] });
    expect(loginTaken).toMatchObject({ ok: false, appCode: 'EMAIL_TAKEN' });
    const { email } = await invite(admin, slug);
    const again = await failureOf(admin.client.invitations.register.mutate({ workspace: slug, name: 'Twin', email }));
    expect(again.appCode).toBe('EMAIL_TAKEN');
    expect(again.message).toContain('contact email of another member');
  });

  it('lets only admins invite, unless anyone may; extranet never, and nobody invites above their own role', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const employee = await people.signedIn();
    const { token } = await invite(admin, slug, employee.email);
    await employee.client.invitations.accept.mutate({ token });
    expect((await failureOf(employee.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()] }))).appCode).toBe('INVITE_NOT_ALLOWED');

    await admin.client.workspace.updateSettings.mutate({ workspace: slug, anyoneCanInvite: true });
    const [ok] = await employee.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()] });
    expect(ok?.ok).toBe(true);
    expect((await failureOf(employee.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()], role: 'admin' }))).appCode).toBe('FORBIDDEN');
  });

  it('resends at most once a minute, and the new link replaces the old one', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { memberId, email, token: first } = await invite(admin, slug);
    const tooSoon = await failureOf(admin.client.invitations.resend.mutate({ workspace: slug, memberId }));
    expect(tooSoon.appCode).toBe('RATE_LIMITED');
    await db.orm.em.fork().nativeUpdate(Member, { id: memberId }, { invitationSentAt: new Date(Date.now() - 120_000) });
    await admin.client.invitations.resend.mutate({ workspace: slug, memberId });
    const second = await test.server.mailSink!.waitFor(email, (mail) => !mail.text.includes(first));
    const anonymous = await people.anonymous();
    expect((await failureOf(anonymous.invitations.preview.query({ token: first }))).appCode).toBe('TOKEN_INVALID');
    expect((await anonymous.invitations.preview.query({ token: secretOf(linkIn(second, `${test.server.publicUrl}/invitation#`)) })).email).toBe(email);
  });
});

describe('seats', () => {
  it('never lets active members and pending invitations pass the free plan’s 12, even under parallel invitations', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const calls = Array.from({ length: 15 }, () => admin.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail('rush')] }));
    const results = (await Promise.all(calls)).flat();
    expect(results.filter((result) => result.ok)).toHaveLength(11);
    const refused = results.filter((result) => !result.ok);
    expect(refused.every((result) => result.appCode === 'SEAT_LIMIT_REACHED')).toBe(true);
    expect((await admin.client.workspace.get.query({ workspace: slug })).seats).toEqual({ used: 12, total: 12 });

    const register = await failureOf(admin.client.invitations.register.mutate({ workspace: slug, name: 'One Too Many', email: uniqueEmail() }));
    expect(register.appCode).toBe('SEAT_LIMIT_REACHED');
    expect(register.message).toContain('Delete pending invitations');
  });

  it('frees a seat on dismissal and needs one to rehire', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const member = await people.signedIn();
    const { token, memberId } = await invite(admin, slug, member.email);
    await member.client.invitations.accept.mutate({ token });
    await admin.client.invitations.send.mutate({ workspace: slug, emails: Array.from({ length: 10 }, () => uniqueEmail('fill')) });
    expect((await admin.client.workspace.get.query({ workspace: slug })).seats.used).toBe(12);

    await admin.client.members.dismiss.mutate({ workspace: slug, memberId });
    const [newcomer] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail('after-dismissal')] });
    expect(newcomer?.ok).toBe(true);
    expect((await failureOf(admin.client.members.rehire.mutate({ workspace: slug, memberId }))).appCode).toBe('SEAT_LIMIT_REACHED');
  });
});

describe('delete, dismiss, rehire', () => {
  it('refuses to delete an invited member with tasks until the tasks are deleted, and kills the invitation link', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { memberId, token } = await invite(admin, slug);
    const refused = await failureOf(admin.client.members.delete.mutate({ workspace: slug, memberId }));
    expect(refused).toEqual({ appCode: 'MEMBER_HAS_TASKS', message: 'The user has not been deleted: delete their task first.', fields: {} });

    const tasks = await admin.client.tasks.list.query({ workspace: slug, memberId });
    expect(tasks.map((task) => task.title)).toEqual(['Complete your profile']);
    await admin.client.tasks.delete.mutate({ workspace: slug, taskId: tasks[0]!.id });
    expect(await admin.client.members.delete.mutate({ workspace: slug, memberId })).toEqual({ deleted: true });
    expect((await failureOf((await people.anonymous()).invitations.preview.query({ token }))).appCode).toBe('TOKEN_INVALID');
  });

  it('only dismisses someone who accepted (MEMBER_NOT_DELETABLE); dismissal ends their sessions there and tells them at sign-in', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const member = await people.signedIn();
    const { token, memberId } = await invite(admin, slug, member.email);
    await member.client.invitations.accept.mutate({ token });
    expect((await failureOf(admin.client.members.delete.mutate({ workspace: slug, memberId }))).appCode).toBe('MEMBER_NOT_DELETABLE');

    const atWorkspace = await (await people.anonymous()).auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' });
    const workspaceClient = createClient({ url: test.server.url, token: tokenOf(atWorkspace) });
    expect(await workspaceClient.auth.session.query()).not.toBeNull();

    const dismissed = await admin.client.members.dismiss.mutate({ workspace: slug, memberId });
    expect(dismissed.status).toBe('dismissed');
    expect(await workspaceClient.auth.session.query()).toBeNull();
    // The network session they had elsewhere is untouched.
    expect(await member.client.auth.session.query()).not.toBeNull();
    const signIn = await failureOf((await people.anonymous()).auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug }));
    expect(signIn.appCode).toBe('MEMBER_DISMISSED');
    expect(await db.orm.em.fork().count(Session, { profile: member.profile.id, workspace: { slug } })).toBe(0);

    // Dismissed is dismissed: not again, and the answer says what the member allows now.
    expect((await failureOf(admin.client.members.dismiss.mutate({ workspace: slug, memberId }))).appCode).toBe('MEMBER_NOT_DISMISSABLE');
    expect((await admin.client.members.get.query({ workspace: slug, memberId })).actions).toEqual(['rehire']);
    await admin.client.members.setRole.mutate({ workspace: slug, memberId, role: 'extranet', password: TEST_PASSWORD });
    const rehired = await admin.client.members.rehire.mutate({ workspace: slug, memberId });
    expect(rehired).toMatchObject({ status: 'active', role: 'extranet' });
    expect(await db.orm.em.fork().count(Task, { assignee: memberId })).toBe(1);
  });
});

describe('roles', () => {
  it('never leaves a workspace without an admin (LAST_ADMIN), even when two admins demote each other at once', async () => {
    const { admin, slug } = await workspaceWithAdmin('Creator');
    const me = (await admin.client.members.list.query({ workspace: slug })).items[0]!;
    expect((await failureOf(admin.client.members.setRole.mutate({ workspace: slug, memberId: me.id, role: 'employee', password: TEST_PASSWORD }))).appCode).toBe('LAST_ADMIN');

    const second = await people.signedIn({ name: 'Second Admin' });
    const third = await people.signedIn({ name: 'Third Admin' });
    const secondInvite = await invite(admin, slug, second.email);
    const thirdInvite = await invite(admin, slug, third.email);
    await second.client.invitations.accept.mutate({ token: secondInvite.token });
    await third.client.invitations.accept.mutate({ token: thirdInvite.token });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: secondInvite.memberId, role: 'admin', password: TEST_PASSWORD });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: thirdInvite.memberId, role: 'admin', password: TEST_PASSWORD });
    // The creator steps down; two admins remain and try to demote each other at the same moment.
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: me.id, role: 'employee', password: TEST_PASSWORD });
    const results = await Promise.allSettled([
      second.client.members.setRole.mutate({ workspace: slug, memberId: thirdInvite.memberId, role: 'employee', password: TEST_PASSWORD }),
      third.client.members.setRole.mutate({ workspace: slug, memberId: secondInvite.memberId, role: 'employee', password: TEST_PASSWORD }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await db.orm.em.fork().count(Member, { workspace: { slug }, role: 'admin', status: 'active' })).toBe(1);
  });

  it('protects the creator’s admin rights from other admins (CREATOR_PROTECTED)', async () => {
    const { admin: creator, slug } = await workspaceWithAdmin('The Creator');
    const other = await people.signedIn();
    const { token, memberId } = await invite(creator, slug, other.email);
    await other.client.invitations.accept.mutate({ token });
    await creator.client.members.setRole.mutate({ workspace: slug, memberId, role: 'admin', password: TEST_PASSWORD });
    const creatorMember = (await creator.client.members.list.query({ workspace: slug, search: 'The Creator' })).items[0]!;
    expect((await failureOf(other.client.members.setRole.mutate({ workspace: slug, memberId: creatorMember.id, role: 'employee', password: TEST_PASSWORD }))).appCode).toBe('CREATOR_PROTECTED');
    expect((await failureOf(other.client.members.dismiss.mutate({ workspace: slug, memberId: creatorMember.id }))).appCode).toBe('CREATOR_PROTECTED');
  });

  it('answers NOT_FOUND for another workspace’s member ids', async () => {
    const a = await workspaceWithAdmin();
    const b = await workspaceWithAdmin();
    const { memberId } = await invite(b.admin, b.slug);
    expect((await failureOf(a.admin.client.members.delete.mutate({ workspace: a.slug, memberId }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(a.admin.client.tasks.list.query({ workspace: a.slug, memberId }))).appCode).toBe('NOT_FOUND');
  });
});

describe('direct registration', () => {
  it('mails a generated password that must be replaced at the first sign-in', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const email = uniqueEmail('registered');
    const registered = await admin.client.invitations.register.mutate({ workspace: slug, name: 'Reg Istered', email, position: 'Engineer' });
    expect(registered).toMatchObject({ status: 'active', position: 'Engineer' });
    const mail = await test.server.mailSink!.waitFor(email);
    const password = mail.text.match(/\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b/)?.[0];
    // The mail carries the generated password, in the shape people can type (four groups of four).
    expect(password).toMatch(/^([a-z2-7]{4}-){3}[a-z2-7]{4}$/);

    const signedIn = await (await people.anonymous()).auth.signIn.mutate({ email, password: password!, workspace: slug, client: 'desktop' });
    const client = createClient({ url: test.server.url, token: tokenOf(signedIn) });
    expect((await failureOf(client.members.list.query({ workspace: slug }))).appCode).toBe('PASSWORD_CHANGE_REQUIRED');
    await client.profile.changePassword.mutate({ currentPassword: password!, password: 'my own long passphrase', passwordConfirm: 'my own long passphrase' });
    expect((await client.members.list.query({ workspace: slug })).items.length).toBe(2);
  });
});

describe('quick-join link', () => {
  it('answers its allowed domains as a list on a workspace that never saved any', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    expect((await admin.client.joinLink.get.query({ workspace: slug })).allowedDomains).toEqual([]);
    const enabled = await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true });
    expect(enabled.allowedDomains).toEqual([]);
  });


  it('lets allowed domains in once their address is confirmed; others wait for approval', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const link = await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true, requiresApproval: true, allowedDomains: ['@Corp.Example'] });
    expect(link.allowedDomains).toEqual(['corp.example']);
    const token = secretOf(link.url);

    const insider = `${uniqueEmail('insider').split('@')[0]}@corp.example`;
    const joined = await (await people.anonymous()).joinLink.join.mutate({ token, email: insider, name: 'In Sider', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    expect(joined).toMatchObject({ status: 'invited', verificationSent: true });
    const verification = await test.server.mailSink!.waitFor(insider);
    await (await people.anonymous()).auth.verifyEmail.mutate({ token: secretOf(linkIn(verification, `${test.server.publicUrl}/verify-email#`)) });
    expect((await admin.client.members.list.query({ workspace: slug, search: 'In Sider' })).items[0]?.status).toBe('active');

    const outsider = uniqueEmail('outsider');
    await (await people.anonymous()).joinLink.join.mutate({ token, email: outsider, name: 'Out Sider', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    const outsiderMail = await test.server.mailSink!.waitFor(outsider);
    await (await people.anonymous()).auth.verifyEmail.mutate({ token: secretOf(linkIn(outsiderMail, `${test.server.publicUrl}/verify-email#`)) });
    const waiting = (await admin.client.members.list.query({ workspace: slug, status: 'awaiting_approval' })).items;
    expect(waiting.map((member) => member.name)).toEqual(['Out Sider']);
    expect((await admin.client.members.counts.query({ workspace: slug })).awaiting_approval).toBe(1);
    await admin.client.members.approve.mutate({ workspace: slug, memberId: waiting[0]!.id });
    const approved = await test.server.mailSink!.waitFor(outsider, (mail) => mail.subject.startsWith('You can now sign in'));
    expect(approved.text).toContain(`/signin?workspace=${slug}`);
  });

  it('dies when rotated or switched off, and never grants admin', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const first = await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true, requiresApproval: false });
    const anonymous = await people.anonymous();
    expect((await anonymous.joinLink.preview.query({ token: secretOf(first.url) })).workspace.slug).toBe(slug);
    const rotated = await admin.client.joinLink.rotate.mutate({ workspace: slug });
    expect(rotated.url).not.toBe(first.url);
    expect((await failureOf(anonymous.joinLink.preview.query({ token: secretOf(first.url) }))).appCode).toBe('TOKEN_INVALID');
    await admin.client.joinLink.update.mutate({ workspace: slug, enabled: false });
    // A genuine link that is switched off says so, and who can help; a rotated one stays merely invalid.
    const off = await failureOf(anonymous.joinLink.preview.query({ token: secretOf(rotated.url) }));
    expect([off.appCode, off.message]).toEqual(['TOKEN_INVALID', 'This workspace’s quick-join link is switched off. Ask an administrator of the workspace to switch it on again or to invite you.']);
    expect((await failureOf(anonymous.joinLink.preview.query({ token: secretOf(first.url) }))).appCode).toBe('TOKEN_INVALID');
    // @ts-expect-error: the schema itself has no admin role for the link
    expect((await failureOf(admin.client.joinLink.update.mutate({ workspace: slug, role: 'admin' }))).appCode).toBe('INVALID_INPUT');
  });
});

describe('contact emails and the audit trail', () => {
  it('refuses a contact email another member uses, and records every membership change', async () => {
    const { admin, slug } = await workspaceWithAdmin('Auditing Admin');
    const first = await invite(admin, slug);
    const second = await invite(admin, slug);
    const taken = await failureOf(admin.client.members.update.mutate({ workspace: slug, memberId: second.memberId, contactEmail: first.email }));
    expect(taken.appCode).toBe('EMAIL_TAKEN');
    await admin.client.members.update.mutate({ workspace: slug, memberId: second.memberId, contactEmail: uniqueEmail('changed'), mailboxEmail: 'box@mail.example' });

    const audit = await admin.client.audit.list.query({ workspace: slug });
    expect(audit.items.map((event) => event.action)).toEqual(['member.updated', 'member.invited', 'member.invited', 'workspace.created']);
    expect(audit.items[0]).toMatchObject({
      actor: { name: 'Auditing Admin' },
      details: { contactEmail: { from: second.email, to: expect.stringContaining('changed') }, mailboxEmail: { from: null, to: 'box@mail.example' } },
    });
  });

  it('filters the trail by actor, action and date', async () => {
    const { admin, slug } = await workspaceWithAdmin('Filtering Admin');
    const invited = await invite(admin, slug);
    await admin.client.members.update.mutate({ workspace: slug, memberId: invited.memberId, position: 'Buyer' });
    await admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 30 });
    const actions = async (filter: object) => (await admin.client.audit.list.query({ workspace: slug, ...filter })).items.map((event) => event.action);

    expect(await actions({ action: 'member.updated' })).toEqual(['member.updated']);
    expect(await actions({ action: 'member' })).toEqual(['member.updated', 'member.invited']);
    expect(await actions({ actor: 'filtering adm' })).toEqual(['workspace.settings_changed', 'member.updated', 'member.invited', 'workspace.created']);
    expect(await actions({ actor: 'someone else' })).toEqual([]);
    expect(await actions({ actor: '%' })).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect(await actions({ from: tomorrow })).toEqual([]);
    expect(await actions({ to: tomorrow, action: 'workspace' })).toEqual(['workspace.settings_changed', 'workspace.created']);
    const [settings] = (await admin.client.audit.list.query({ workspace: slug, action: 'workspace.settings_changed' })).items;
    expect(settings?.details).toEqual({ sessionIdleMinutes: { from: null, to: 30 } });

    // @ts-expect-error: not an action the trail records
    expect((await failureOf(admin.client.audit.list.query({ workspace: slug, action: 'member.exploded' }))).appCode).toBe('INVALID_INPUT');
    expect((await failureOf(admin.client.audit.list.query({ workspace: slug, from: tomorrow, to: new Date().toISOString() }))).appCode).toBe('INVALID_INPUT');
  });
});

describe('the directory', () => {
  it('finds a member by the address they sign in with, for admins only, and tells when an invitation ends', async () => {
    const { admin, slug } = await workspaceWithAdmin('Lookup Admin');
    const colleague = await people.signedIn({ name: 'Lena Login' });
    const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [colleague.email] });
    const invited = (await admin.client.members.list.query({ workspace: slug, status: 'invited' })).items[0]!;
    expect(Date.parse(invited.invitationExpiresAt!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const mail = await test.server.mailSink!.waitFor(colleague.email);
    await colleague.client.invitations.accept.mutate({ token: secretOf(linkIn(mail, `${test.server.publicUrl}/invitation#`)) });
    await admin.client.members.update.mutate({ workspace: slug, memberId: sent!.memberId!, contactEmail: uniqueEmail('elsewhere') });

    const found = await admin.client.members.list.query({ workspace: slug, search: colleague.email.toUpperCase() });
    expect(found.items.map((member) => [member.name, member.invitationExpiresAt])).toEqual([['Lena Login', null]]);
    // A member who is not an admin searches what the directory shows them: names and contact emails.
    expect((await colleague.client.members.list.query({ workspace: slug, search: colleague.email })).items).toEqual([]);
  });
});

describe('field errors', () => {
  it('name the field and the limit missed, in the caller’s language', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const idle = await failureOf(admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 2 }));
    expect(idle.fields).toEqual({ sessionIdleMinutes: 'Enter a number of at least 5.' });
    const long = await failureOf(admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 1000 }));
    expect(long.fields).toEqual({ sessionIdleMinutes: 'Enter a number of at most 480.' });
    const many = Array.from({ length: 150 }, (_, index) => `person${index}@shop.example`);
    expect((await failureOf(admin.client.invitations.send.mutate({ workspace: slug, emails: many }))).fields).toEqual({ emails: 'Give at most 100 at a time.' });
    const past = await failureOf(admin.client.joinLink.update.mutate({ workspace: slug, enabled: true, expiresAt: new Date(Date.now() - 86_400_000).toISOString() }));
    expect(past.fields).toEqual({ expiresAt: 'Choose a date in the future.' });
    expect((await admin.client.joinLink.get.query({ workspace: slug })).enabled).toBe(false);
    const anonymous = await people.anonymous('de');
    expect((await failureOf(anonymous.auth.requestPasswordReset.mutate({ email: 'not an address' }))).fields).toEqual({ email: 'Geben Sie eine gültige E-Mail-Adresse ein.' });
  });
});

describe('expiry and the local inbox', () => {
  it('refuses an expired invitation with TOKEN_EXPIRED', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { memberId, token } = await invite(admin, slug);
    await db.orm.em.fork().nativeUpdate(Member, { id: memberId }, { invitationExpiresAt: new Date(Date.now() - 1000) });
    const anonymous = await people.anonymous();
    expect((await failureOf(anonymous.invitations.preview.query({ token }))).appCode).toBe('TOKEN_EXPIRED');
    expect((await failureOf(anonymous.invitations.accept.mutate({ token, name: 'Late', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD }))).appCode).toBe('TOKEN_EXPIRED');
  });

  it('shows received mail in the development inbox at /mail/, links included', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { email, mail } = await invite(admin, slug);
    const inbox = await (await fetch(`${test.server.url}/mail/`)).text();
    expect(inbox).toContain(email);
    const received = test.server.mailSink!.messages().find((message) => message.subject === mail.subject && message.to.includes(email))!;
    const page = await (await fetch(`${test.server.url}/mail/${received.id}`)).text();
    expect(page).toContain(`<a href="${test.server.publicUrl}/invitation#`);
    expect((await (await people.anonymous()).system.info.query()).mailInboxPath).toBe('/mail/');
  });
});

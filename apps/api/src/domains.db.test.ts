import { describe, expect, it } from 'vitest';
import { AuditEvent, Member, Profile, WorkspaceDomain } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { recheckDomains } from '@gatehouse/services';
import { failureOf, useTestDns, useTestServer } from './testing.ts';

const dns = useTestDns();
const test = useTestServer({ env: () => ({ DNS_SERVERS: dns.address }) });
const { db, people } = test;
const DAY = 86_400_000;

async function workspaceWithAdmin(name: string) {
  const admin = await people.signedIn({ name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${name}'s company`, slug });
  return { admin, slug };
}

/** A domain only this test uses, so files and tests never meet on one. */
let next = 0;
const freshDomain = () => `corp-${Date.now().toString(36)}-${++next}.example`;

describe('verified domains', () => {
  it('are claimed, proven by their TXT record through the resolver, and audited; bad domains and other roles are refused', async () => {
    const { admin, slug } = await workspaceWithAdmin('Dora Domains');
    const domain = freshDomain();

    const added = await admin.client.domains.add.mutate({ workspace: slug, domain: `  ${domain.toUpperCase()}. ` });
    expect(added).toMatchObject({ domain, status: 'pending', joinMode: 'none', verifiedAt: null, record: { type: 'TXT', name: `_gatehouse-challenge.${domain}` } });
    expect(added.record.value).toMatch(/^gatehouse-domain-verification=[\w-]{32}$/);
    // An address is taken as its domain; the same domain twice is one claim.
    expect((await failureOf(admin.client.domains.add.mutate({ workspace: slug, domain: `someone@${domain}` }))).fields.domain).toBe('This is in the list already.');
    for (const bad of ['localhost', '10.0.0.1', 'not a domain', '-bad-.example', `${'a'.repeat(64)}.example`]) {
      const refused = await failureOf(admin.client.domains.add.mutate({ workspace: slug, domain: bad }));
      expect(refused, bad).toMatchObject({ appCode: 'INVALID_INPUT', fields: { domain: 'Enter an email domain, such as example.com.' } });
    }

    // Not there yet, then another value, then the right one.
    const missing = await failureOf(admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id }));
    expect(missing).toMatchObject({ appCode: 'DOMAIN_NOT_VERIFIED', message: 'The TXT record was not found. Check its name and value at your DNS provider; a new record can take a few minutes to appear.' });
    expect((await admin.client.domains.list.query({ workspace: slug }))[0]).toMatchObject({ status: 'pending', checkProblem: 'missing' });
    dns.records.set(added.record.name, ['v=spf1 -all', 'gatehouse-domain-verification=someone-elses']);
    expect((await failureOf(admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id }))).appCode).toBe('DOMAIN_NOT_VERIFIED');
    expect((await admin.client.domains.list.query({ workspace: slug }))[0]!.checkProblem).toBe('wrong_value');
    dns.records.set(added.record.name, ['v=spf1 -all', added.record.value]);
    const verified = await admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id });
    expect(verified).toMatchObject({ status: 'verified', checkProblem: null, verifiedAt: expect.any(String) });

    // Join modes; single sign-on waits for a connection.
    expect(await admin.client.domains.update.mutate({ workspace: slug, domainId: added.id, joinMode: 'suggest' })).toMatchObject({ joinMode: 'suggest' });
    expect((await failureOf(admin.client.domains.update.mutate({ workspace: slug, domainId: added.id, joinMode: 'sso' }))).appCode).toBe('INVALID_INPUT');

    // A member who is no admin sees none of it; to another workspace's admin, neither this workspace nor its domain's id exists.
    const employee = await people.signedIn({ name: 'Evan Employee' });
    await admin.client.invitations.send.mutate({ workspace: slug, emails: [employee.email] });
    await employee.client.invitations.accept.mutate({ token: new URL(linkIn(await test.server.mailSink!.waitFor(employee.email), `${test.server.publicUrl}/invitation#`)).hash.slice(1) });
    expect((await failureOf(employee.client.domains.list.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');
    const outsider = await workspaceWithAdmin('Otto Outsider');
    expect((await failureOf(outsider.admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(outsider.admin.client.domains.remove.mutate({ workspace: outsider.slug, domainId: added.id }))).appCode).toBe('NOT_FOUND');

    const trail = await db.orm.em.fork().find(AuditEvent, { action: { $like: 'domain.%' }, details: { domain } }, { orderBy: { createdAt: 'asc' } });
    expect(trail.map((event) => event.action)).toEqual(['domain.added', 'domain.verified', 'domain.updated']);
    expect(trail[2]!.details).toMatchObject({ from: 'none', to: 'suggest' });
  });

  it('is held by one workspace at a time: another may claim it, but verifies it only once the first removed it', async () => {
    const first = await workspaceWithAdmin('Fay First');
    const second = await workspaceWithAdmin('Sid Second');
    const domain = freshDomain();
    const mine = await first.admin.client.domains.add.mutate({ workspace: first.slug, domain });
    dns.records.set(mine.record.name, [mine.record.value]);
    await first.admin.client.domains.verify.mutate({ workspace: first.slug, domainId: mine.id });

    const theirs = await second.admin.client.domains.add.mutate({ workspace: second.slug, domain });
    expect(theirs.record.value).not.toBe(mine.record.value);
    dns.records.set(mine.record.name, [mine.record.value, theirs.record.value]);
    const taken = await failureOf(second.admin.client.domains.verify.mutate({ workspace: second.slug, domainId: theirs.id }));
    expect(taken).toMatchObject({ appCode: 'DOMAIN_TAKEN', message: 'Another workspace has verified this domain. It must remove the domain first, or ask platform staff.' });
    expect((await second.admin.client.domains.list.query({ workspace: second.slug }))[0]).toMatchObject({ status: 'pending', checkProblem: 'taken' });

    await first.admin.client.domains.remove.mutate({ workspace: first.slug, domainId: mine.id });
    expect(await first.admin.client.domains.list.query({ workspace: first.slug })).toEqual([]);
    expect(await second.admin.client.domains.verify.mutate({ workspace: second.slug, domainId: theirs.id })).toMatchObject({ status: 'verified' });
  });

  it('is released by platform staff when its holder does not let go, with the reason told to the holder’s admins; then another workspace verifies it', async () => {
    const holder = await workspaceWithAdmin('Hal Holder');
    const claimant = await workspaceWithAdmin('Cleo Claimant');
    const domain = freshDomain();
    const held = await holder.admin.client.domains.add.mutate({ workspace: holder.slug, domain });
    dns.records.set(held.record.name, [held.record.value]);
    await holder.admin.client.domains.verify.mutate({ workspace: holder.slug, domainId: held.id });
    await holder.admin.client.domains.update.mutate({ workspace: holder.slug, domainId: held.id, joinMode: 'join' });
    const claim = await claimant.admin.client.domains.add.mutate({ workspace: claimant.slug, domain });
    dns.records.set(held.record.name, [held.record.value, claim.record.value]);
    expect((await failureOf(claimant.admin.client.domains.verify.mutate({ workspace: claimant.slug, domainId: claim.id }))).appCode).toBe('DOMAIN_TAKEN');

    const reason = 'Cleo Claimant’s company showed the registrar’s invoice for it.';
    // Only staff: an admin, even the holder's, may not.
    expect((await failureOf(claimant.admin.client.platform.releaseDomain.mutate({ domain, reason }))).appCode).toBe('FORBIDDEN');
    const staff = await people.signedIn({ name: 'Stella Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });
    expect((await failureOf(staff.client.platform.releaseDomain.mutate({ domain: 'nobody-holds-this.example', reason }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(staff.client.platform.releaseDomain.mutate({ domain: 'not a domain', reason }))).appCode).toBe('INVALID_INPUT');
    expect(await holder.admin.client.domains.list.query({ workspace: holder.slug })).toHaveLength(1);

    expect(await staff.client.platform.releaseDomain.mutate({ domain: domain.toUpperCase(), reason })).toEqual({ domain, workspace: { slug: holder.slug, name: "Hal Holder's company" } });
    expect(await holder.admin.client.domains.list.query({ workspace: holder.slug })).toEqual([]);
    const workspaceId = (await holder.admin.client.workspace.get.query({ workspace: holder.slug })).id;
    const [event] = await db.orm.em.fork().find(AuditEvent, { action: 'domain.released', workspaceId });
    expect(event).toMatchObject({ actorProfileId: staff.profile.id, details: { domain, joinMode: 'join', note: reason } });
    const mail = await test.server.mailSink!.waitFor(holder.admin.email, (received) => received.subject === `${domain} was released from Hal Holder's company`);
    expect(mail.text).toContain(reason);

    expect(await claimant.admin.client.domains.verify.mutate({ workspace: claimant.slug, domainId: claim.id })).toMatchObject({ status: 'verified' });
  });

  it('is checked again daily: a record gone unverifies the domain and tells the admins; a DNS that does not answer changes nothing', async () => {
    const { admin, slug } = await workspaceWithAdmin('Rhea Recheck');
    const steady = freshDomain();
    const flaky = freshDomain();
    const gone = freshDomain();
    const ids: Record<string, string> = {};
    for (const domain of [steady, flaky, gone]) {
      const added = await admin.client.domains.add.mutate({ workspace: slug, domain });
      dns.records.set(added.record.name, [added.record.value]);
      await admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id });
      ids[domain] = added.id;
    }
    dns.records.set(`_gatehouse-challenge.${flaky}`, 'SERVFAIL');
    dns.records.delete(`_gatehouse-challenge.${gone}`);

    // Within the day nothing is due; a day later all three are.
    const config = test.server.serviceConfig;
    const soon = await recheckDomains({ em: db.orm.em.fork(), config, now: new Date(Date.now() + DAY / 2) });
    expect([steady, flaky, gone].some((domain) => soon.unverified.includes(domain))).toBe(false);
    const later = await recheckDomains({ em: db.orm.em.fork(), config, now: new Date(Date.now() + DAY + 60_000) });
    expect(later.unverified).toContain(gone);
    expect(later.unverified).not.toContain(flaky);

    const rows = new Map((await db.orm.em.fork().find(WorkspaceDomain, { id: { $in: Object.values(ids) } })).map((row) => [row.domain, row]));
    expect(rows.get(steady)).toMatchObject({ checkProblem: null });
    expect(rows.get(steady)!.verifiedAt).not.toBeNull();
    expect(rows.get(flaky)).toMatchObject({ checkProblem: 'unreachable' });
    expect(rows.get(flaky)!.verifiedAt).not.toBeNull();
    expect(rows.get(gone)).toMatchObject({ checkProblem: 'missing', verifiedAt: null });

    const mail = await test.server.mailSink!.waitFor(admin.email, (received) => received.subject === `${gone} is no longer verified for Rhea Recheck's company`);
    expect(mail.text).toContain(`_gatehouse-challenge.${gone}`);
    expect(linkIn(mail, `${test.server.publicUrl}/console/`)).toContain(`/console/${slug}/settings`);
    const [event] = await db.orm.em.fork().find(AuditEvent, { action: 'domain.unverified', details: { domain: gone } });
    expect(event).toMatchObject({ actorProfileId: null, details: { problem: 'missing' } });
  });

  it('lets people whose confirmed address is at a verified domain see the workspace and join it, as its join mode says, within the seats', async () => {
    const { admin, slug } = await workspaceWithAdmin('Jo Joinmode');
    const domain = freshDomain();
    const added = await admin.client.domains.add.mutate({ workspace: slug, domain });
    dns.records.set(added.record.name, [added.record.value]);
    await admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id });
    const colleague = () => people.signedIn({ email: `p-${Math.random().toString(36).slice(2, 10)}@${domain}`, name: 'Cole League' });

    // `none`: nothing is offered, and joining is as if the workspace were not there.
    const early = await colleague();
    expect(await early.client.profile.suggestedWorkspaces.query()).toEqual([]);
    expect((await failureOf(early.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug }))).appCode).toBe('NOT_FOUND');

    // `suggest`: seen, and joining asks an admin.
    await admin.client.domains.update.mutate({ workspace: slug, domainId: added.id, joinMode: 'suggest' });
    expect(await early.client.profile.suggestedWorkspaces.query()).toEqual([{ workspace: { slug, name: "Jo Joinmode's company" }, joinMode: 'suggest' }]);
    expect(await early.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug })).toMatchObject({ status: 'awaiting_approval' });
    expect(await early.client.profile.suggestedWorkspaces.query()).toEqual([]);

    // An address not confirmed yet speaks for nobody.
    const unconfirmed = await colleague();
    await db.orm.em.fork().nativeUpdate(Profile, { email: unconfirmed.email }, { emailVerifiedAt: null });
    expect(await unconfirmed.client.profile.suggestedWorkspaces.query()).toEqual([]);
    expect((await failureOf(unconfirmed.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug }))).appCode).toBe('EMAIL_NOT_VERIFIED');

    // `join`: in at once; a dismissed member is not let back in this way.
    await admin.client.domains.update.mutate({ workspace: slug, domainId: added.id, joinMode: 'join' });
    const direct = await colleague();
    const joined = await direct.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug });
    expect(joined).toMatchObject({ status: 'active' });
    const member = await db.orm.em.fork().findOneOrFail(Member, { profile: { email: direct.email }, workspace: { slug } });
    expect(member).toMatchObject({ source: 'domain', role: 'employee', status: 'active' });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: member.id });
    expect(await direct.client.profile.suggestedWorkspaces.query()).toEqual([]);
    expect((await failureOf(direct.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug }))).appCode).toBe('MEMBER_DISMISSED');

    // Twenty at once on a free plan (12 seats, 2 taken by the admin and the request): never more than the plan.
    const crowd = await Promise.all(Array.from({ length: 20 }, () => colleague()));
    const outcomes = await Promise.all(crowd.map((person) => person.client.profile.joinSuggestedWorkspace.mutate({ workspace: slug }).then(() => 'joined', (error: unknown) => (error as { data?: { appCode?: string } }).data?.appCode)));
    expect(outcomes.filter((outcome) => outcome === 'joined')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === 'SEAT_LIMIT_REACHED')).toHaveLength(10);
    expect((await admin.client.workspace.get.query({ workspace: slug })).seats).toEqual({ used: 12, total: 12 });

    const trail = await db.orm.em.fork().find(AuditEvent, { action: { $in: ['member.joined', 'member.join_requested'] }, details: { domain } });
    expect(trail.map((event) => event.action).sort()).toEqual(['member.join_requested', ...Array(11).fill('member.joined')].sort());
  });
});

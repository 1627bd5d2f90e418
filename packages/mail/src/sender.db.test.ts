import { describe, expect, it } from 'vitest';
import { OutboxMessage } from '@gatehouse/db';
import { uniqueEmail, useTestDatabase } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { enqueueMail } from './outbox.ts';
import { MailSender, MAX_ATTEMPTS, retryDelayMs } from './sender.ts';
import { startMailSink } from './sink.ts';

const db = useTestDatabase();
const FROM = 'Gatehouse <no-reply@localhost>';

async function queue(count: number): Promise<string[]> {
  const em = db.orm.em.fork();
  const recipients = Array.from({ length: count }, () => uniqueEmail('recipient'));
  for (const to of recipients) enqueueMail(em, { to, kind: 'email_verification', locale: 'en', params: { link: `http://localhost/verify#${to}` } });
  await em.flush();
  return recipients;
}

describe('mail sender', () => {
  it('delivers queued mail over SMTP and wipes the body once sent', async () => {
    const sink = await startMailSink();
    const sender = new MailSender({ orm: db.orm, smtpUrl: sink.url, from: FROM });
    try {
      const [to] = await queue(1);
      expect(await sender.deliverDue()).toBeGreaterThanOrEqual(1);
      const mail = await sink.waitFor(to!);
      expect(mail.subject).toBe('Confirm your email address');
      expect(mail.text).toContain(`http://localhost/verify#${to}`);
      const row = await db.orm.em.fork().findOneOrFail(OutboxMessage, { toAddress: to! });
      expect(row.sentAt).not.toBeNull();
      expect(row.textBody).toBeNull();
      expect(row.htmlBody).toBeNull();
    } finally {
      await sender.stop();
      await sink.close();
    }
  });

  it('delivers a mail queued while a round is under way right after that round, not at the next poll', async () => {
    const sink = await startMailSink();
    // No polling to speak of: only nudges can deliver within this test.
    const sender = new MailSender({ orm: db.orm, smtpUrl: sink.url, from: FROM, pollMs: 3_600_000 });
    try {
      const [first] = await queue(1);
      sender.start();
      const round = sender.deliverDue();
      const [second] = await queue(1);
      sender.nudge();
      await round;
      expect((await sink.waitFor(first!, undefined, 5_000)).to).toEqual([first]);
      expect((await sink.waitFor(second!, undefined, 5_000)).to).toEqual([second]);
    } finally {
      await sender.stop();
      await sink.close();
    }
  });

  it('drains a backlog of many batches at once, not one batch per poll', async () => {
    const sink = await startMailSink();
    const sender = new MailSender({ orm: db.orm, smtpUrl: sink.url, from: FROM, pollMs: 3_600_000 });
    try {
      const recipients = await queue(45);
      sender.start();
      for (const to of recipients) await sink.waitFor(to, undefined, 30_000);
      await sender.stop(); // lets a round still recording its outcome finish
      const rows = await db.orm.em.fork().find(OutboxMessage, { toAddress: { $in: recipients } });
      expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);
    } finally {
      await sender.stop();
      await sink.close();
    }
  }, 60_000);

  it('survives an SMTP outage: retries later and delivers each message exactly once', async () => {
    const port = await freePort();
    const recipients = await queue(3);
    let clock = new Date(Date.now() + 1000);
    const sender = new MailSender({ orm: db.orm, smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, now: () => clock });
    try {
      expect(await sender.deliverDue()).toBe(0);
      const failed = await db.orm.em.fork().find(OutboxMessage, { toAddress: { $in: recipients } });
      expect(failed.every((row) => row.attempts === 1 && row.sentAt === null && row.lastError && row.nextAttemptAt > clock)).toBe(true);

      const sink = await startMailSink({ port });
      try {
        // Not yet due: the server is back but the back-off has not elapsed.
        expect(await sender.deliverDue()).toBe(0);
        clock = new Date(clock.getTime() + retryDelayMs(1, () => 1) + 1000);
        expect(await sender.deliverDue()).toBe(3);
        expect(await sender.deliverDue()).toBe(0);
        for (const to of recipients) await sink.waitFor(to);
        const received = sink.messages().filter((mail) => recipients.some((to) => mail.to.includes(to)));
        expect(received).toHaveLength(3);
      } finally {
        await sink.close();
      }
    } finally {
      await sender.stop();
    }
  });

  it('lets two senders share one outbox without sending anything twice', async () => {
    const sink = await startMailSink();
    const first = new MailSender({ orm: db.orm, smtpUrl: sink.url, from: FROM });
    const second = new MailSender({ orm: db.orm, smtpUrl: sink.url, from: FROM });
    try {
      const recipients = await queue(30);
      let delivered = 0;
      for (;;) {
        const [a, b] = await Promise.all([first.deliverDue(), second.deliverDue()]);
        if (a + b === 0) break;
        delivered += a + b;
      }
      expect(delivered).toBeGreaterThanOrEqual(30);
      const received = sink.messages().filter((mail) => recipients.some((to) => mail.to.includes(to)));
      expect(received).toHaveLength(30);
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(30);
    } finally {
      await first.stop();
      await second.stop();
      await sink.close();
    }
  });

  it('gives a message up after its last attempt and keeps no body of it', async () => {
    const port = await freePort();
    const [to] = await queue(1);
    await db.orm.em.fork().nativeUpdate(OutboxMessage, { toAddress: to! }, { attempts: MAX_ATTEMPTS - 1 });
    const sender = new MailSender({ orm: db.orm, smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, now: () => new Date(Date.now() + 1000) });
    try {
      await sender.deliverDue();
    } finally {
      await sender.stop();
    }
    const row = await db.orm.em.fork().findOneOrFail(OutboxMessage, { toAddress: to! });
    expect(row.failedAt).not.toBeNull();
    expect(row.textBody).toBeNull();
    expect(row.htmlBody).toBeNull();
  });

  it('spreads retries out and never waits more than about two hours', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(4, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(20, () => 1)).toBe(Math.round(2 * 3_600_000 * 1.2));
  });
});

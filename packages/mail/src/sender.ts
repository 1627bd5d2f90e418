import { createTransport, type Transporter } from 'nodemailer';
import { errorSummary, executeStatement, queryRows, type Orm } from '@gatehouse/db';
import { mailQueuedCount } from './outbox.ts';

export interface MailSenderOptions {
  orm: Orm;
  /** `smtp://user:pass@host:port`, or `smtps://…` for implicit TLS. */
  smtpUrl: string;
  from: string;
  /** How often to look for due mail when nothing nudges the sender. */
  pollMs?: number;
  logger?: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
  now?: () => Date;
}

interface DueMessage {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  attempts: number;
}

/** After this many failed attempts (about a day of back-off) a mail is given up and marked failed. */
export const MAX_ATTEMPTS = 12;
/** A claimed message is someone else's for this long; a crashed sender's claims expire. */
const CLAIM_MS = 120_000;
const BATCH = 20;
/** Recording a sent mail stops retrying this long before its claim ends, so no other sender takes it meanwhile. */
const RECORD_MARGIN_MS = 10_000;
const PARALLEL_CONVERSATIONS = 5;

/** 5 s for a passing hiccup, then 30 s, 1 min, 2 min … capped at 2 h, with ±20 % jitter so retries spread out. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = attempts <= 1 ? 5_000 : Math.min(30_000 * 2 ** (attempts - 2), 2 * 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Delivers the outbox over SMTP. Any number of senders (one per api process)
 * share one outbox: each claims due rows with `FOR UPDATE SKIP LOCKED`, so a
 * message is handed to the SMTP server by one sender at a time. A message is
 * marked sent only after the server accepted it; its Message-ID is the outbox
 * id, so in the rare crash between the two a receiving server can drop the
 * duplicate.
 */
export class MailSender {
  readonly #options: MailSenderOptions;
  readonly #transport: Transporter;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | null = null;
  #nudgedWhileRunning = false;
  /** The last round claimed a full batch: more mail is probably due. */
  #backlog = false;
  #queuedSeen = mailQueuedCount();
  #stopped = false;

  constructor(options: MailSenderOptions) {
    this.#options = options;
    // One SMTP conversation per message: a pooled transport keeps waiting on a server that refused it.
    // Bounded timeouts: a server that stalls must not hold up every later delivery round for minutes.
    this.#transport = createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  start(): void {
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      void this.deliverDue()
        .catch((error: unknown) => this.#options.logger?.warn({ err: errorSummary(error) }, 'mail delivery round failed'))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.pollMs ?? 2_000);
        });
    };
    tick();
  }

  /** Looks for due mail now, instead of at the next poll, if this process queued some since the last look. */
  nudge(): void {
    if (this.#stopped) return;
    const queued = mailQueuedCount();
    if (queued === this.#queuedSeen) return;
    this.#queuedSeen = queued;
    // The running round may have claimed its rows before this change committed: go again right after it.
    if (this.#running) {
      this.#nudgedWhileRunning = true;
      return;
    }
    this.#deliverInBackground();
  }

  #deliverInBackground(): void {
    void this.deliverDue().catch((error: unknown) => this.#options.logger?.warn({ err: errorSummary(error) }, 'mail delivery round failed'));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
    this.#transport.close();
  }

  /** One round: claim due messages, send each, record the outcome. Returns how many were delivered. */
  deliverDue(): Promise<number> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
      // A backlog (a full batch claimed) or a change that came in meanwhile: go on at once rather than at the next poll.
      const again = (this.#nudgedWhileRunning || this.#backlog) && !this.#stopped;
      this.#nudgedWhileRunning = false;
      if (again) this.#deliverInBackground();
    });
    return this.#running;
  }

  async #round(): Promise<number> {
    this.#backlog = false; // a round that fails does not go again at once
    const em = this.#options.orm.em.fork();
    const now = this.#options.now?.() ?? new Date();
    const claimed = await queryRows<DueMessage>(
      em,
      `update outbox_message set locked_until = $2, attempts = attempts + 1
        where id in (select id from outbox_message
                      where sent_at is null and failed_at is null and next_attempt_at <= $1
                        and (locked_until is null or locked_until < $1)
                      order by next_attempt_at limit ${BATCH} for update skip locked)
        returning id, to_address as "toAddress", subject, text_body as "textBody", html_body as "htmlBody", attempts`,
      [now, new Date(now.getTime() + CLAIM_MS)],
    );
    this.#backlog = claimed.length === BATCH;
    let delivered = 0;
    const claimedUntil = new Date(now.getTime() + CLAIM_MS);
    const deliver = async (message: DueMessage): Promise<void> => {
      let accepted = false;
      try {
        await this.#transport.sendMail({
          from: this.#options.from,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody ?? '',
          ...(message.htmlBody ? { html: message.htmlBody } : {}),
          messageId: `<${message.id}@gatehouse>`,
        });
        accepted = true;
        await this.#recordSent(message.id, claimedUntil);
        delivered++;
      } catch (error) {
        // Accepted but not recorded in time: the claim runs out and the mail may go again, with the same Message-ID.
        if (accepted) throw error;
        const reason = (error as Error).message.slice(0, 1000);
        const giveUp = message.attempts >= MAX_ATTEMPTS;
        // A mail given up on loses its body too: no link or password stays behind.
        await executeStatement(
          em,
          `update outbox_message set locked_until = null, last_error = $2, next_attempt_at = $3, failed_at = $4,
                  text_body = case when $5 then null else text_body end, html_body = case when $5 then null else html_body end
            where id = $1`,
          [message.id, reason, new Date(now.getTime() + retryDelayMs(message.attempts)), giveUp ? new Date() : null, giveUp],
        );
        const log = giveUp ? this.#options.logger?.error : this.#options.logger?.warn;
        log?.call(this.#options.logger, { id: message.id, attempts: message.attempts, giveUp, reason }, 'mail delivery failed');
      }
    };
    // A few SMTP conversations at once: one at a time, a burst (a sign-up wave, a CSV of invitations) drains at a crawl.
    const queue = [...claimed];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_CONVERSATIONS, queue.length) }, async () => {
        for (let message = queue.shift(); message; message = queue.shift()) await deliver(message);
      }),
    );
    if (delivered) this.#options.logger?.info({ delivered }, 'mail delivered');
    return delivered;
  }

  /**
   * The SMTP server accepted the mail: recording it must survive a passing
   * database outage, or the claim expires and the mail is sent twice. So the
   * update is retried, with back-off, for as long as the claim holds.
   */
  async #recordSent(id: string, claimedUntil: Date): Promise<void> {
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        // The body may hold a one-time link or a generated password: it leaves the database with the mail.
        await executeStatement(this.#options.orm.em.fork(), 'update outbox_message set sent_at = $2, locked_until = null, text_body = null, html_body = null, last_error = null where id = $1', [id, new Date()]);
        return;
      } catch (error) {
        if (Date.now() + wait >= claimedUntil.getTime() - RECORD_MARGIN_MS) throw error;
        this.#options.logger?.warn({ id, err: errorSummary(error), retryInMs: wait }, 'mail sent but not yet recorded; retrying');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

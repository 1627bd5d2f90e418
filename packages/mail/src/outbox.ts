import { OutboxMessage, type EntityManager } from '@gatehouse/db';
import type { Locale } from '@gatehouse/domain';
import { renderMail, type MailKind, type MailParams } from './templates.ts';

export interface EnqueueMailOptions<K extends MailKind> {
  to: string;
  kind: K;
  locale: Locale;
  params: MailParams[K];
}

/**
 * Queues a mail on the caller's entity manager: it is written by the same
 * flush (and transaction) as the change that causes it, so a rolled-back
 * change sends nothing and a committed one always sends.
 */
let queuedInThisProcess = 0;

/** How many mails this process has queued so far: a sender nudged after a change looks only when it grew. */
export function mailQueuedCount(): number {
  return queuedInThisProcess;
}

export function enqueueMail<K extends MailKind>(em: EntityManager, options: EnqueueMailOptions<K>): OutboxMessage | null {
  // RFC 2606 reserves `.invalid`: profiles made by a social sign-in may carry such an address, and no mail goes there.
  if (options.to.endsWith('.invalid')) return null;
  const rendered = renderMail(options.kind, options.locale, options.params);
  queuedInThisProcess++;
  return em.create(OutboxMessage, {
    toAddress: options.to,
    kind: options.kind,
    locale: options.locale,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
  });
}

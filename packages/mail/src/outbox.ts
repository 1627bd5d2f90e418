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

/** The outbox's subject column holds 300 characters; a subject built from long names is cut, never refused. */
export const SUBJECT_MAX_LENGTH = 300;

/** One line, at most the column's length: names in a subject can never make a mail unsendable or break its header. */
export function boundedSubject(subject: string): string {
  const line = subject.replace(/\p{Cc}+/gu, ' ');
  const characters = [...line];
  return characters.length <= SUBJECT_MAX_LENGTH ? line : `${characters.slice(0, SUBJECT_MAX_LENGTH - 1).join('')}…`;
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
    subject: boundedSubject(rendered.subject),
    textBody: rendered.text,
    htmlBody: rendered.html,
  });
}

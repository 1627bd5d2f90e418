export { renderMail, MAIL_KINDS, type MailKind, type MailParams, type RenderedMail } from './templates.ts';
export { enqueueMail, type EnqueueMailOptions } from './outbox.ts';
export { MailSender, MAX_ATTEMPTS, retryDelayMs, type MailSenderOptions } from './sender.ts';
export { startMailSink, linkIn, type MailSink, type ReceivedMail } from './sink.ts';

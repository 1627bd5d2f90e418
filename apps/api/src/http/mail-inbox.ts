import { Router } from 'express';
import type { MailSink, ReceivedMail } from '@gatehouse/mail';

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}main{max-width:960px;margin:2rem auto;padding:0 1.5rem}
table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:.6rem;border-bottom:1px solid #d9dde5;text-align:left}a{color:#2457d6}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #d9dde5;border-radius:8px}.muted{color:#5d6679}</style></head><body><main>${body}</main></body></html>`;
}

function listing(messages: ReceivedMail[]): string {
  if (messages.length === 0) return '<p class="muted">No mail yet. Invitations, registrations and confirmations sent by Gatehouse land here.</p>';
  const rows = messages
    .slice()
    .reverse()
    .map((mail) => `<tr><td>${escape(mail.receivedAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escape(mail.to.join(', '))}</td><td><a href="/mail/${mail.id}">${escape(mail.subject || '(no subject)')}</a></td></tr>`)
    .join('');
  return `<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The development inbox: what the local SMTP sink received, readable in a
 * browser at /mail/. Only mounted when no SMTP_URL is configured.
 */
export function mailInbox(sink: MailSink): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(page('Gatehouse · local inbox', `<h1>Local inbox</h1><p class="muted">Mail from this development server (SMTP sink on port ${sink.port}).</p>${listing(sink.messages())}`));
  });
  router.get('/:id', (req, res) => {
    const mail = sink.messages().find((message) => String(message.id) === req.params.id);
    if (!mail) return void res.status(404).type('html').send(page('Not found', '<p>No such message. <a href="/mail/">Back to the inbox</a></p>'));
    // The mail's own HTML is shown as text: links stay visible and clickable, and nothing in it runs.
    const linked = escape(mail.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
    res.type('html').send(
      page(mail.subject, `<p><a href="/mail/">← Inbox</a></p><h1>${escape(mail.subject)}</h1><p class="muted">From ${escape(mail.from)} to ${escape(mail.to.join(', '))}</p><pre>${linked}</pre>`),
    );
  });
  return router;
}

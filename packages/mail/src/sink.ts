import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A mail the local sink received, as a person would read it. */
export interface ReceivedMail {
  id: number;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
}

export interface MailSink {
  port: number;
  url: string;
  messages(): ReceivedMail[];
  /** Resolves with the first mail to `address` matching `filter`, waiting for it to arrive. */
  waitFor(address: string, filter?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Keeps the newest this many messages by default: it is a development inbox, not a mail store. */
const KEEP = 500;

/**
 * A real SMTP server on 127.0.0.1 that accepts every message and keeps it in
 * memory: the embedded default's "mail server", with a web inbox served by
 * the api, and the peer that tests talk SMTP to.
 */
export async function startMailSink(options: { port?: number; keep?: number; beforeAccept?: (mail: ReceivedMail) => Promise<void> } = {}): Promise<MailSink> {
  const keep = options.keep ?? KEEP;
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let counter = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Every client is this machine: a reverse DNS lookup only adds a wait (up to 1.5 s) on a host without a resolver.
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks))
          .then(async (email) => {
            const mail: ReceivedMail = {
              id: ++counter,
              receivedAt: new Date(),
              from: email.from?.address ?? session.envelope.mailFrom?.toString() ?? '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              subject: email.subject ?? '',
              text: email.text ?? '',
              html: email.html ?? null,
              messageId: email.messageId ?? null,
            };
            // A test may hold the conversation here, before the sender hears "accepted" (e.g. to take the database away meanwhile).
            await options.beforeAccept?.(mail);
            received.push(mail);
            if (received.length > keep) received.splice(0, received.length - keep);
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...received],
    waitFor(address, filter = () => true, timeoutMs = 30_000) {
      const wanted = address.toLowerCase();
      const find = () => received.find((mail) => mail.to.includes(wanted) && filter(mail));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`));
  if (!match) throw new Error(`no link starting with ${prefix} in "${mail.subject}"`);
  return match[0];
}

import type { Locale } from '@gatehouse/domain';

/** Every message the product sends, with the values each one needs. */
export interface MailParams {
  invitation: { workspaceName: string; inviterName: string; message: string | null; link: string; expiresAt: Date };
  registration: { workspaceName: string; inviterName: string; email: string; password: string; link: string };
  join_approved: { workspaceName: string; link: string };
  email_verification: { link: string };
}
export type MailKind = keyof MailParams;

interface Body {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown verbatim, e.g. a generated password. */
  code?: string;
  footer?: string;
}

type Writer<K extends MailKind> = (params: MailParams[K], format: { date: (value: Date) => string }) => Body;
type Catalogue = { [K in MailKind]: Writer<K> };

const en: Catalogue = {
  invitation: (p, f) => ({
    subject: `${p.inviterName} invites you to ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} invites you to join the workspace ${p.workspaceName} on Gatehouse.`,
      ...(p.message ? [p.message] : []),
      'Open the link to choose your password (or sign in with the profile you already have) and join.',
    ],
    action: { label: 'Accept the invitation', url: p.link },
    footer: `The link works once and expires on ${f.date(p.expiresAt)}. If you did not expect this invitation, ignore this message.`,
  }),
  registration: (p) => ({
    subject: `Your account at ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} registered you in the workspace ${p.workspaceName} on Gatehouse.`,
      `Sign in with your email ${p.email} and this password. You will be asked to choose your own at the first sign-in.`,
    ],
    code: p.password,
    action: { label: 'Sign in', url: p.link },
  }),
  join_approved: (p) => ({
    subject: `You can now sign in to ${p.workspaceName}`,
    paragraphs: [`An administrator approved your request to join ${p.workspaceName}.`],
    action: { label: 'Sign in', url: p.link },
  }),
  email_verification: (p) => ({
    subject: 'Confirm your email address',
    paragraphs: ['Confirm that this address is yours to finish setting up your Gatehouse profile.'],
    action: { label: 'Confirm my email', url: p.link },
    footer: 'If you did not create a profile, ignore this message.',
  }),
};

const fr: Catalogue = {
  invitation: (p, f) => ({
    subject: `${p.inviterName} vous invite dans ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} vous invite à rejoindre l’espace ${p.workspaceName} sur Gatehouse.`,
      ...(p.message ? [p.message] : []),
      'Ouvrez le lien pour choisir votre mot de passe (ou connectez-vous avec votre profil existant) et rejoindre l’espace.',
    ],
    action: { label: 'Accepter l’invitation', url: p.link },
    footer: `Le lien ne sert qu’une fois et expire le ${f.date(p.expiresAt)}. Si vous n’attendiez pas cette invitation, ignorez ce message.`,
  }),
  registration: (p) => ({
    subject: `Votre compte dans ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} vous a inscrit dans l’espace ${p.workspaceName} sur Gatehouse.`,
      `Connectez-vous avec votre e-mail ${p.email} et ce mot de passe. Vous choisirez le vôtre à la première connexion.`,
    ],
    code: p.password,
    action: { label: 'Se connecter', url: p.link },
  }),
  join_approved: (p) => ({
    subject: `Vous pouvez vous connecter à ${p.workspaceName}`,
    paragraphs: [`Un administrateur a approuvé votre demande pour rejoindre ${p.workspaceName}.`],
    action: { label: 'Se connecter', url: p.link },
  }),
  email_verification: (p) => ({
    subject: 'Confirmez votre adresse e-mail',
    paragraphs: ['Confirmez que cette adresse est la vôtre pour terminer la création de votre profil Gatehouse.'],
    action: { label: 'Confirmer mon e-mail', url: p.link },
    footer: 'Si vous n’avez pas créé de profil, ignorez ce message.',
  }),
};

const de: Catalogue = {
  invitation: (p, f) => ({
    subject: `${p.inviterName} lädt Sie zu ${p.workspaceName} ein`,
    paragraphs: [
      `${p.inviterName} lädt Sie in den Workspace ${p.workspaceName} auf Gatehouse ein.`,
      ...(p.message ? [p.message] : []),
      'Öffnen Sie den Link, um Ihr Passwort zu wählen (oder sich mit Ihrem bestehenden Profil anzumelden), und treten Sie bei.',
    ],
    action: { label: 'Einladung annehmen', url: p.link },
    footer: `Der Link gilt einmal und läuft am ${f.date(p.expiresAt)} ab. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.`,
  }),
  registration: (p) => ({
    subject: `Ihr Zugang zu ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} hat Sie im Workspace ${p.workspaceName} auf Gatehouse registriert.`,
      `Melden Sie sich mit Ihrer E-Mail ${p.email} und diesem Passwort an. Bei der ersten Anmeldung wählen Sie ein eigenes.`,
    ],
    code: p.password,
    action: { label: 'Anmelden', url: p.link },
  }),
  join_approved: (p) => ({
    subject: `Sie können sich jetzt bei ${p.workspaceName} anmelden`,
    paragraphs: [`Ein Administrator hat Ihre Anfrage, ${p.workspaceName} beizutreten, bestätigt.`],
    action: { label: 'Anmelden', url: p.link },
  }),
  email_verification: (p) => ({
    subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
    paragraphs: ['Bestätigen Sie, dass diese Adresse Ihnen gehört, um Ihr Gatehouse-Profil fertig einzurichten.'],
    action: { label: 'E-Mail bestätigen', url: p.link },
    footer: 'Wenn Sie kein Profil erstellt haben, ignorieren Sie diese Nachricht.',
  }),
};

const it: Catalogue = {
  invitation: (p, f) => ({
    subject: `${p.inviterName} ti invita in ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} ti invita a unirti allo spazio ${p.workspaceName} su Gatehouse.`,
      ...(p.message ? [p.message] : []),
      'Apri il link per scegliere la password (o accedi con il profilo che hai già) e unisciti.',
    ],
    action: { label: 'Accetta l’invito', url: p.link },
    footer: `Il link vale una sola volta e scade il ${f.date(p.expiresAt)}. Se non aspettavi questo invito, ignora questo messaggio.`,
  }),
  registration: (p) => ({
    subject: `Il tuo account in ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} ti ha registrato nello spazio ${p.workspaceName} su Gatehouse.`,
      `Accedi con la tua e-mail ${p.email} e questa password. Al primo accesso ne sceglierai una tua.`,
    ],
    code: p.password,
    action: { label: 'Accedi', url: p.link },
  }),
  join_approved: (p) => ({
    subject: `Ora puoi accedere a ${p.workspaceName}`,
    paragraphs: [`Un amministratore ha approvato la tua richiesta di unirti a ${p.workspaceName}.`],
    action: { label: 'Accedi', url: p.link },
  }),
  email_verification: (p) => ({
    subject: 'Conferma il tuo indirizzo e-mail',
    paragraphs: ['Conferma che questo indirizzo è tuo per completare il tuo profilo Gatehouse.'],
    action: { label: 'Conferma la mia e-mail', url: p.link },
    footer: 'Se non hai creato un profilo, ignora questo messaggio.',
  }),
};

const CATALOGUES: Record<Locale, Catalogue> = { en, fr, de, it };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The message in the recipient's language, as plain text and as HTML (every value escaped). */
export function renderMail<K extends MailKind>(kind: K, locale: Locale, params: MailParams[K]): RenderedMail {
  const date = (value: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
  const body = (CATALOGUES[locale][kind] as Writer<K>)(params, { date });
  const text = [
    ...body.paragraphs,
    ...(body.code ? [body.code] : []),
    ...(body.action ? [`${body.action.label}: ${body.action.url}`] : []),
    ...(body.footer ? [body.footer] : []),
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5;max-width:560px">',
    ...body.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(body.code ? [`<p style="font:600 1.2em monospace;background:#f6f7f9;padding:.6em 1em;display:inline-block">${escapeHtml(body.code)}</p>`] : []),
    ...(body.action
      ? [`<p><a href="${escapeHtml(body.action.url)}" style="background:#2457d6;color:#fff;padding:.6em 1.2em;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(body.action.label)}</a></p>`]
      : []),
    ...(body.footer ? [`<p style="color:#5d6679;font-size:.9em">${escapeHtml(body.footer)}</p>`] : []),
    '</body></html>',
  ].join('\n');
  return { subject: body.subject, text, html };
}

export const MAIL_KINDS = Object.keys(en) as MailKind[];

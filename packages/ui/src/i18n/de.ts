/** Texts both SPAs show, in de: each app's own messages add its screens' texts. */
export const de = {
  nav: {
    mailInbox: 'Lokales Postfach',
    signOut: 'Abmelden',
    language: 'Sprache',
  },
  common: {
    loading: 'Wird geladen…',
    retry: 'Erneut versuchen',
    cancel: 'Abbrechen',
  },
  errors: {
    generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  },
  fields: {
    email: 'E-Mail',
    password: 'Passwort',
    workspaceAddress: 'Workspace-Adresse',
  },
  signIn: {
    atWorkspace: 'Bei einem bestimmten Workspace anmelden',
    workspaceHint: 'Die Adresse von Ihrem Administrator, zum Beispiel „acme“.',
    withProvider: 'Mit {name} anmelden',
    orEmail: 'Oder mit E-Mail und Passwort:',
    submit: 'Anmelden',
    submitting: 'Anmeldung…',
  },
  twoFactor: {
    title: 'Zwei-Faktor-Authentifizierung',
    intro: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
    code: 'Code',
    recoveryCode: 'Reserve-Code',
    useRecovery: 'Stattdessen einen Reserve-Code verwenden',
    useCode: 'Stattdessen den Code der App verwenden',
    submit: 'Bestätigen',
  },
  reauth: {
    title: 'Bestätigen Sie, dass Sie es sind',
    password: 'Ihr Passwort',
    code: 'Code aus Ihrer App (oder ein Wiederherstellungscode)',
    usePassword: 'Stattdessen mein Passwort verwenden',
    useCode: 'Stattdessen einen Code verwenden',
    submit: 'Bestätigen',
  },
  roles: {
    admin: 'Administrator',
    employee: 'Mitarbeiter',
    extranet: 'Extranet',
  },
  statuses: {
    active: 'Aktiv',
    invited: 'Eingeladen',
    awaiting_approval: 'Wartet auf Bestätigung',
    dismissed: 'Entlassen',
  },
};

/** Texts both SPAs show, in it: each app's own messages add its screens' texts. */
export const it = {
  nav: {
    mailInbox: 'Posta locale',
    signOut: 'Esci',
    language: 'Lingua',
  },
  common: {
    loading: 'Caricamento…',
    retry: 'Riprova',
    cancel: 'Annulla',
  },
  errors: {
    generic: 'Qualcosa è andato storto. Riprova.',
  },
  fields: {
    email: 'E-mail',
    password: 'Password',
    workspaceAddress: 'Indirizzo dello spazio',
  },
  signIn: {
    atWorkspace: 'Accedi a uno spazio specifico',
    workspaceHint: 'L’indirizzo fornito dal tuo amministratore, ad esempio «acme».',
    withProvider: 'Accedi con {name}',
    orEmail: 'Oppure con e-mail e password:',
    submit: 'Accedi',
    submitting: 'Accesso…',
  },
  twoFactor: {
    title: 'Autenticazione a due fattori',
    intro: 'Inserisci il codice a 6 cifre della tua app di autenticazione.',
    code: 'Codice',
    recoveryCode: 'Codice di recupero',
    useRecovery: 'Usa invece un codice di recupero',
    useCode: 'Usa invece il codice dell’app',
    submit: 'Verifica',
  },
  reauth: {
    title: 'Conferma che sei tu',
    password: 'La tua password',
    code: 'Codice della tua app (o un codice di recupero)',
    usePassword: 'Usa invece la mia password',
    useCode: 'Usa invece un codice',
    submit: 'Conferma',
  },
  roles: {
    admin: 'Amministratore',
    employee: 'Dipendente',
    extranet: 'Extranet',
  },
  statuses: {
    active: 'Attivo',
    invited: 'Invitato',
    awaiting_approval: 'In attesa di approvazione',
    dismissed: 'Disattivato',
  },
};

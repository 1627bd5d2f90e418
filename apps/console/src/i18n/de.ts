import type { en } from './en.ts';

export const de: typeof en = {
  app: { console: 'Konsole' },
  nav: { portal: 'Mein Portal', signOut: 'Abmelden', language: 'Sprache' },
  common: { loading: 'Wird geladen…', retry: 'Erneut versuchen' },
  errors: { generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.' },
  fields: { email: 'E-Mail', password: 'Passwort', workspaceAddress: 'Workspace-Adresse' },
  signIn: {
    title: 'Anmeldung für Administratoren',
    intro: 'Melden Sie sich bei dem Workspace an, den Sie verwalten.',
    submit: 'Anmelden',
    submitting: 'Anmeldung…',
  },
  home: {
    title: 'Workspaces, die Sie verwalten',
    empty: { title: 'Sie verwalten noch keinen Workspace', text: 'Erstellen Sie einen Workspace in Ihrem Portal; Sie werden sein erster Administrator.', action: 'Workspace erstellen' },
  },
  workspace: {
    overview: 'Übersicht',
    address: 'Adresse',
    plan: 'Tarif',
    seats: 'Plätze',
    seatsUsed: '{used} von {total} belegt',
    adminsOnly: 'Nur Administratoren dieses Workspace können seine Konsole öffnen.',
  },
  plans: { free: 'Kostenlos', standard: 'Standard', professional: 'Professional', enterprise: 'Enterprise' },
  directory: {
    title: 'Mitglieder',
    statusFilter: 'Nach Status filtern',
    tabs: { all: 'Alle', active: 'Aktiv', invited: 'Eingeladen', awaiting_approval: 'Wartet auf Bestätigung', dismissed: 'Entlassen' },
    search: 'Mitglieder suchen',
    searchPlaceholder: 'Nach Name oder E-Mail suchen',
    empty: 'Noch niemand hier.',
    noMatch: 'Kein Mitglied passt zu dieser Suche.',
    creator: 'Ersteller',
    columns: { name: 'Name', email: 'Kontakt-E-Mail', role: 'Rolle', status: 'Status', since: 'Seit' },
    previous: 'Zurück',
    next: 'Weiter',
  },
  roles: { admin: 'Administrator', employee: 'Mitarbeiter', extranet: 'Extranet' },
  statuses: { active: 'Aktiv', invited: 'Eingeladen', awaiting_approval: 'Wartet auf Bestätigung', dismissed: 'Entlassen' },
};

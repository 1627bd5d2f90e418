import type { en } from './en.ts';

export const it: typeof en = {
  app: { console: 'Console' },
  nav: { portal: 'Il mio portale', signOut: 'Esci', language: 'Lingua' },
  common: { loading: 'Caricamento…', retry: 'Riprova' },
  errors: { generic: 'Qualcosa è andato storto. Riprova.' },
  fields: { email: 'E-mail', password: 'Password', workspaceAddress: 'Indirizzo dello spazio' },
  signIn: {
    title: 'Accesso amministratore',
    intro: 'Accedi allo spazio che amministri.',
    submit: 'Accedi',
    submitting: 'Accesso…',
  },
  home: {
    title: 'Spazi che amministri',
    empty: { title: 'Non amministri ancora nessuno spazio', text: 'Crea uno spazio nel tuo portale; ne diventerai il primo amministratore.', action: 'Crea uno spazio' },
  },
  workspace: {
    overview: 'Panoramica',
    address: 'Indirizzo',
    plan: 'Piano',
    seats: 'Posti',
    seatsUsed: '{used} di {total} usati',
    adminsOnly: 'Solo gli amministratori di questo spazio possono aprirne la console.',
  },
  plans: { free: 'Gratuito', standard: 'Standard', professional: 'Professional', enterprise: 'Enterprise' },
  directory: {
    title: 'Membri',
    statusFilter: 'Filtra per stato',
    tabs: { all: 'Tutti', active: 'Attivi', invited: 'Invitati', awaiting_approval: 'In attesa di approvazione', dismissed: 'Disattivati' },
    search: 'Cerca membri',
    searchPlaceholder: 'Cerca per nome o e-mail',
    empty: 'Ancora nessuno qui.',
    noMatch: 'Nessun membro corrisponde a questa ricerca.',
    creator: 'Creatore',
    columns: { name: 'Nome', email: 'E-mail di contatto', role: 'Ruolo', status: 'Stato', since: 'Dal' },
    previous: 'Precedente',
    next: 'Successivo',
  },
  roles: { admin: 'Amministratore', employee: 'Dipendente', extranet: 'Extranet' },
  statuses: { active: 'Attivo', invited: 'Invitato', awaiting_approval: 'In attesa di approvazione', dismissed: 'Disattivato' },
};

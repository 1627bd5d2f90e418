import type { en } from './en.ts';

export const fr: typeof en = {
  app: { console: 'Console' },
  nav: { portal: 'Mon portail', signOut: 'Se déconnecter', language: 'Langue' },
  common: { loading: 'Chargement…', retry: 'Réessayer' },
  errors: { generic: 'Une erreur est survenue. Veuillez réessayer.' },
  fields: { email: 'E-mail', password: 'Mot de passe', workspaceAddress: 'Adresse de l’espace' },
  signIn: {
    title: 'Connexion administrateur',
    intro: 'Connectez-vous à l’espace que vous administrez.',
    submit: 'Se connecter',
    submitting: 'Connexion…',
  },
  home: {
    title: 'Espaces que vous administrez',
    empty: { title: 'Vous n’administrez encore aucun espace', text: 'Créez un espace dans votre portail ; vous en deviendrez le premier administrateur.', action: 'Créer un espace' },
  },
  workspace: {
    overview: 'Vue d’ensemble',
    address: 'Adresse',
    plan: 'Offre',
    seats: 'Places',
    seatsUsed: '{used} sur {total} utilisées',
    adminsOnly: 'Seuls les administrateurs de cet espace peuvent ouvrir sa console.',
  },
  plans: { free: 'Gratuite', standard: 'Standard', professional: 'Professionnelle', enterprise: 'Entreprise' },
  directory: {
    title: 'Membres',
    statusFilter: 'Filtrer par statut',
    tabs: { all: 'Tous', active: 'Actifs', invited: 'Invités', awaiting_approval: 'En attente d’approbation', dismissed: 'Licenciés' },
    search: 'Rechercher des membres',
    searchPlaceholder: 'Rechercher par nom ou e-mail',
    empty: 'Personne pour l’instant.',
    noMatch: 'Aucun membre ne correspond à cette recherche.',
    creator: 'Créateur',
    columns: { name: 'Nom', email: 'E-mail de contact', role: 'Rôle', status: 'Statut', since: 'Depuis' },
    previous: 'Précédent',
    next: 'Suivant',
  },
  roles: { admin: 'Administrateur', employee: 'Employé', extranet: 'Extranet' },
  statuses: { active: 'Actif', invited: 'Invité', awaiting_approval: 'En attente d’approbation', dismissed: 'Licencié' },
};

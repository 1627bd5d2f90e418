/** Texts both SPAs show, in fr: each app's own messages add its screens' texts. */
export const fr = {
  nav: {
    mailInbox: 'Boîte mail locale',
    signOut: 'Se déconnecter',
    language: 'Langue',
  },
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    cancel: 'Annuler',
  },
  errors: {
    generic: 'Une erreur est survenue. Veuillez réessayer.',
  },
  fields: {
    email: 'E-mail',
    password: 'Mot de passe',
    workspaceAddress: 'Adresse de l’espace',
  },
  signIn: {
    atWorkspace: 'Se connecter à un espace précis',
    workspaceHint: 'L’adresse donnée par votre administrateur, par exemple « acme ».',
    withProvider: 'Se connecter avec {name}',
    orEmail: 'Ou avec votre e-mail et votre mot de passe :',
    submit: 'Se connecter',
    submitting: 'Connexion…',
  },
  twoFactor: {
    title: 'Validation en deux étapes',
    intro: 'Saisissez le code à 6 chiffres de votre application d’authentification.',
    code: 'Code',
    recoveryCode: 'Code de récupération',
    useRecovery: 'Utiliser plutôt un code de récupération',
    useCode: 'Utiliser plutôt le code de l’application',
    submit: 'Vérifier',
  },
  reauth: {
    title: 'Confirmez que c’est vous',
    password: 'Votre mot de passe',
    code: 'Code de votre application (ou code de secours)',
    usePassword: 'Utiliser plutôt mon mot de passe',
    useCode: 'Utiliser plutôt un code',
    submit: 'Confirmer',
  },
  roles: {
    admin: 'Administrateur',
    employee: 'Employé',
    extranet: 'Extranet',
  },
  statuses: {
    active: 'Actif',
    invited: 'Invité',
    awaiting_approval: 'En attente d’approbation',
    dismissed: 'Licencié',
  },
};

import type { AppCode, AppErrorParams } from './errors.ts';
import type { Locale } from './locale.ts';

type Messages = Record<AppCode, (params: AppErrorParams) => string>;

/** The ways in a policy allows, named in the reader's words (a social provider by its own name). */
function waysIn(ways: string[], password: string, passkey: string): string {
  return ways
    .map((way) => (way === 'password' ? password : way === 'passkey' ? passkey : way.replace(/^social:/, '').replace(/^./, (first) => first.toUpperCase())))
    .join(', ');
}

/** A day as the reader writes it (the moment a waiting time ends). */
function dayOf(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** "a, b and c" in the caller's language, for a message that names several things. */
function listOf<T>(items: readonly T[] | undefined, locale: Locale, say: (item: T) => string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format((items ?? []).map(say));
}

const en: Messages = {
  INVALID_INPUT: () => 'Some fields are not valid: check them and try again.',
  UNAUTHENTICATED: (p) => (p.credential === 'api_key' ? 'This API key is not valid: it is unknown, revoked or expired.' : 'Your session has ended. Please sign in again.'),
  FORBIDDEN: (p) =>
    p.requiredRole === 'admin'
      ? 'Only an administrator of this workspace can do this.'
      : p.requiredRole === 'staff'
        ? 'Only platform staff can do this.'
        : p.requiredRole === 'person'
          ? 'This needs a person signed in: an API key cannot do it.'
        : 'You are not allowed to do this.',
  INVALID_CREDENTIALS: () => 'Invalid login or password.',
  NO_ACCESS: () => 'There is no user with this name in this workspace: ask an administrator to invite you.',
  MEMBER_DISMISSED: () => 'This user has been deactivated. Ask an administrator of the workspace if you need access again.',
  EMAIL_NOT_VERIFIED: () => 'Please confirm your email address first: check your mailbox for our message.',
  PASSWORD_CHANGE_REQUIRED: () => 'You signed in with a generated password. Please choose your own password to continue.',
  TWO_FACTOR_INVALID: () => 'This code is wrong or has already been used.',
  TWO_FACTOR_ALREADY_ENABLED: () => 'Two-step verification is already on for your profile.',
  TWO_FACTOR_NOT_ENABLED: () => 'Two-step verification is not on for your profile.',
  TWO_FACTOR_SETUP_REQUIRED: () => 'Start the setup of two-step verification first: scan the new QR code, then enter a code.',
  EMAIL_TAKEN: (p) =>
    p.asNewLogin
      ? 'Another profile already signs in with this address, so it cannot become your login yet. If that profile is yours too: sign in with this address (recover its password if needed), change that profile’s login email to another address you own, then come back here and try again.'
      : p.scope === 'workspace'
      ? p.emailKind === 'contact'
        ? 'A user with this email already exists in this workspace: it is the contact email of another member. Change that member’s contact email, or use another address.'
        : 'A user with this email already exists in this workspace: it is the login of another member. Use another address.'
      : 'A user with this email already exists. Sign in with it (recover the password if needed), or free the address by changing the login email of that profile.',
  SLUG_TAKEN: () => 'This workspace address is already taken: choose another address.',
  SEAT_LIMIT_REACHED: (p) =>
    `Your plan allows ${p.seatsTotal ?? 'no more'} users, counting pending invitations. Delete pending invitations, dismiss users or upgrade the plan.`,
  INVITE_NOT_ALLOWED: () => 'Only administrators can invite users to this workspace.',
  MEMBER_NOT_DELETABLE: () => 'Only invitations that were never accepted can be deleted. Dismiss this user instead: their data is kept.',
  MEMBER_NOT_DISMISSABLE: () => 'Only a user with access can be dismissed. Delete a pending invitation, or reject a request to join.',
  INVITATION_NOT_PENDING: () => 'This invitation is no longer pending: it was accepted or deleted.',
  MEMBER_HAS_TASKS: (p) =>
    p.taskCount === 1 ? 'The user has not been deleted: delete their task first.' : `The user has not been deleted: delete their ${p.taskCount ?? ''} tasks first.`.replace('  ', ' '),
  LAST_ADMIN: () => 'This would leave the workspace without an administrator. Appoint another administrator first.',
  CREATOR_PROTECTED: () => 'Only the creator of the workspace can change the creator’s rights.',
  LAST_SIGN_IN_METHOD: () => 'This is your only way to sign in: add a password or another sign-in method first.',
  IDENTITY_TAKEN: () => 'This social account is already linked to another profile. Sign in with it and unlink it there first.',
  TOKEN_INVALID: (p) =>
    p.linkSwitchedOff
      ? 'This workspace’s quick-join link is switched off. Ask an administrator of the workspace to switch it on again or to invite you.'
      : 'This link is not valid or has already been used.',
  TOKEN_EXPIRED: () => 'This link has expired. Ask for a new one.',
  RECOVERY_ALREADY_PENDING: () => 'A request for a new administrator of this workspace is already waiting. Platform staff will answer it; you do not need to file another.',
  RECOVERY_NOT_DECIDABLE: (p) =>
    p.decider === 'admin'
      ? 'The days to refuse this request are over: platform staff decide now, with the signed letter.'
      : `The administrators of this workspace may refuse this request until ${p.adminsUntil ? dayOf(p.adminsUntil, 'en') : '—'}; platform staff decide after that.`,
  APP_NOT_ALLOWED: () => 'Your role in this workspace does not give access to this app. Ask an administrator of the workspace if you need it.',
  PASSKEY_INVALID: () => 'That passkey could not be used. Try again, or sign in another way.',
  TWO_FACTOR_REQUIRED_BY_POLICY: () => 'Your workspace requires two-step verification. Set up an authenticator app or a passkey to continue.',
  SIGN_IN_METHOD_NOT_ALLOWED: (p) => `Your workspace does not allow signing in this way.${p.allowedWays?.length ? ` Sign in with: ${waysIn(p.allowedWays, 'password', 'passkey')}.` : ''}`,
  DOMAIN_NOT_VERIFIED: () => 'The TXT record was not found. Check its name and value at your DNS provider; a new record can take a few minutes to appear.',
  DOMAIN_TAKEN: () => 'Another workspace has verified this domain. It must remove the domain first, or ask platform staff.',
  DOMAIN_NOT_OWNED: () => 'This address is at a domain the workspace has not verified. Verify the domain in the console (Domains) first.',
  SSO_FAILED: () => 'Signing in through your company’s directory did not work. Try again; if it keeps failing, tell your administrator: the console says why.',
  SSO_REQUIRED: () => 'This address signs in through your company’s single sign-on. Use the button to continue with your company’s directory.',
  DESTINATION_NOT_ALLOWED: () => 'Webhooks go to a public https address: not plain http, and not a private, loopback or link-local address.',
  PROFILE_NOT_DELETABLE: (p) =>
    `Your profile has not been deleted: ${listOf(p.blockers, 'en', (b) => (b.as === 'creator' ? `you are the creator of ${b.workspace}` : `you are the last administrator of ${b.workspace}`))}. Hand over first: offer the creator’s role to another administrator, or appoint another administrator, then try again.`,
  RATE_LIMITED: (p) =>
    p.retryAfterSeconds ? `Too many attempts. Try again in ${p.retryAfterSeconds} seconds.` : 'Too many attempts. Try again in a moment.',
  NOT_FOUND: () => 'Not found.',
  REAUTHENTICATION_REQUIRED: () => 'Confirm it is you: enter your password, or a code from your authenticator app, or use a passkey.',
  MAILBOX_PROOF_REQUIRED: (p) =>
    `This invitation was sent to ${p.email ?? 'another address'}, not to the login of the profile you are signed in with. Enter the code we mailed to that address to join with this profile.`,
  TEMPORARY_PASSWORD_EXPIRED: () => 'This temporary password has expired or was already used. Choose a new password with “Forgot your password?”.',
  SERVICE_UNAVAILABLE: (p) =>
    p.retryAfterSeconds ? `The service is briefly unavailable. Try again in ${p.retryAfterSeconds} seconds.` : 'The service is briefly unavailable. Try again in a moment.',
  INTERNAL: () => 'Something went wrong on our side. Please try again.',
};

const fr: Messages = {
  INVALID_INPUT: () => 'Certains champs ne sont pas valides : vérifiez-les et réessayez.',
  UNAUTHENTICATED: (p) => (p.credential === 'api_key' ? 'Cette clé d’API n’est pas valable : elle est inconnue, révoquée ou expirée.' : 'Votre session a expiré. Veuillez vous reconnecter.'),
  FORBIDDEN: (p) =>
    p.requiredRole === 'admin'
      ? 'Seul un administrateur de cet espace peut faire cela.'
      : p.requiredRole === 'staff'
        ? 'Seule l’équipe de la plateforme peut faire cela.'
        : p.requiredRole === 'person'
          ? 'Il faut pour cela une personne connectée : une clé d’API ne le peut pas.'
        : 'Vous n’êtes pas autorisé à faire cela.',
  INVALID_CREDENTIALS: () => 'Identifiant ou mot de passe incorrect.',
  NO_ACCESS: () => 'Aucun utilisateur de ce nom dans cet espace : demandez à un administrateur de vous inviter.',
  MEMBER_DISMISSED: () => 'Cet utilisateur a été désactivé. Demandez à un administrateur de l’espace si vous avez de nouveau besoin d’accès.',
  EMAIL_NOT_VERIFIED: () => 'Veuillez d’abord confirmer votre adresse e-mail : consultez votre messagerie.',
  PASSWORD_CHANGE_REQUIRED: () => 'Vous vous êtes connecté avec un mot de passe généré. Choisissez votre propre mot de passe pour continuer.',
  TWO_FACTOR_INVALID: () => 'Ce code est incorrect ou a déjà été utilisé.',
  TWO_FACTOR_ALREADY_ENABLED: () => 'La validation en deux étapes est déjà activée sur votre profil.',
  TWO_FACTOR_NOT_ENABLED: () => 'La validation en deux étapes n’est pas activée sur votre profil.',
  TWO_FACTOR_SETUP_REQUIRED: () => 'Commencez d’abord la configuration de la validation en deux étapes : scannez le nouveau code QR, puis saisissez un code.',
  EMAIL_TAKEN: (p) =>
    p.asNewLogin
      ? 'Un autre profil se connecte déjà avec cette adresse : elle ne peut pas encore devenir votre e-mail de connexion. Si ce profil est aussi le vôtre : connectez-vous avec cette adresse (récupérez le mot de passe si besoin), changez l’e-mail de connexion de ce profil pour une autre adresse qui vous appartient, puis revenez ici et réessayez.'
      : p.scope === 'workspace'
      ? p.emailKind === 'contact'
        ? 'Un utilisateur possède déjà cet e-mail dans cet espace : c’est l’e-mail de contact d’un autre membre. Modifiez l’e-mail de contact de ce membre ou utilisez une autre adresse.'
        : 'Un utilisateur possède déjà cet e-mail dans cet espace : c’est l’identifiant d’un autre membre. Utilisez une autre adresse.'
      : 'Un utilisateur possède déjà cet e-mail. Connectez-vous avec celui-ci (récupérez le mot de passe si besoin) ou libérez l’adresse en changeant l’e-mail de connexion de ce profil.',
  SLUG_TAKEN: () => 'Cette adresse d’espace est déjà prise : choisissez-en une autre.',
  SEAT_LIMIT_REACHED: (p) =>
    `Votre offre permet ${p.seatsTotal ?? 'pas plus de'} utilisateurs, invitations en attente comprises. Supprimez des invitations en attente, licenciez des utilisateurs ou changez d’offre.`,
  INVITE_NOT_ALLOWED: () => 'Seuls les administrateurs peuvent inviter des utilisateurs dans cet espace.',
  MEMBER_NOT_DELETABLE: () => 'Seules les invitations jamais acceptées peuvent être supprimées. Licenciez plutôt cet utilisateur : ses données sont conservées.',
  MEMBER_NOT_DISMISSABLE: () => 'Seul un utilisateur qui a un accès peut être licencié. Supprimez une invitation en attente, ou refusez une demande d’adhésion.',
  INVITATION_NOT_PENDING: () => 'Cette invitation n’est plus en attente : elle a été acceptée ou supprimée.',
  MEMBER_HAS_TASKS: (p) =>
    p.taskCount === 1 ? 'L’utilisateur n’a pas été supprimé : supprimez d’abord sa tâche.' : `L’utilisateur n’a pas été supprimé : supprimez d’abord ses ${p.taskCount ?? ''} tâches.`.replace('  ', ' '),
  LAST_ADMIN: () => 'L’espace n’aurait plus d’administrateur. Nommez d’abord un autre administrateur.',
  CREATOR_PROTECTED: () => 'Seul le créateur de l’espace peut modifier les droits du créateur.',
  LAST_SIGN_IN_METHOD: () => 'C’est votre seul moyen de connexion : ajoutez d’abord un mot de passe ou un autre moyen.',
  IDENTITY_TAKEN: () => 'Ce compte de réseau social est déjà lié à un autre profil. Connectez-vous avec lui et dissociez-le d’abord.',
  TOKEN_INVALID: (p) =>
    p.linkSwitchedOff
      ? 'Le lien d’adhésion rapide de cet espace est désactivé. Demandez à un administrateur de l’espace de le réactiver ou de vous inviter.'
      : 'Ce lien n’est pas valide ou a déjà été utilisé.',
  TOKEN_EXPIRED: () => 'Ce lien a expiré. Demandez-en un nouveau.',
  RECOVERY_ALREADY_PENDING: () => 'Une demande de nouvel administrateur pour cet espace est déjà en attente. L’équipe de la plateforme y répondra ; inutile d’en déposer une autre.',
  RECOVERY_NOT_DECIDABLE: (p) =>
    p.decider === 'admin'
      ? 'Le délai pour refuser cette demande est écoulé : l’équipe de la plateforme décide maintenant, avec la lettre signée.'
      : `Les administrateurs de cet espace peuvent refuser cette demande jusqu’au ${p.adminsUntil ? dayOf(p.adminsUntil, 'fr') : '—'} ; l’équipe de la plateforme décide ensuite.`,
  APP_NOT_ALLOWED: () => 'Votre rôle dans cet espace ne donne pas accès à cette application. Demandez à un administrateur de l’espace si vous en avez besoin.',
  PASSKEY_INVALID: () => 'Cette clé d’accès n’a pas pu être utilisée. Réessayez, ou connectez-vous autrement.',
  TWO_FACTOR_REQUIRED_BY_POLICY: () => 'Votre espace exige la validation en deux étapes. Configurez une application d’authentification ou une clé d’accès pour continuer.',
  SIGN_IN_METHOD_NOT_ALLOWED: (p) => `Votre espace n’autorise pas ce mode de connexion.${p.allowedWays?.length ? ` Connectez-vous avec : ${waysIn(p.allowedWays, 'mot de passe', 'clé d’accès')}.` : ''}`,
  DOMAIN_NOT_VERIFIED: () => 'L’enregistrement TXT est introuvable. Vérifiez son nom et sa valeur chez votre fournisseur DNS ; un nouvel enregistrement peut mettre quelques minutes à apparaître.',
  DOMAIN_TAKEN: () => 'Un autre espace a vérifié ce domaine. Il doit d’abord le retirer, ou demandez à l’équipe de la plateforme.',
  DOMAIN_NOT_OWNED: () => 'Cette adresse est à un domaine que l’espace n’a pas vérifié. Vérifiez d’abord le domaine dans la console (Domaines).',
  SSO_FAILED: () => 'La connexion par l’annuaire de votre entreprise n’a pas abouti. Réessayez ; si cela persiste, prévenez votre administrateur : la console en indique la raison.',
  SSO_REQUIRED: () => 'Cette adresse se connecte par l’authentification unique de votre entreprise. Utilisez le bouton pour continuer avec l’annuaire de votre entreprise.',
  DESTINATION_NOT_ALLOWED: () => 'Les webhooks partent vers une adresse https publique : ni http simple, ni adresse privée, de bouclage ou lien-local.',
  PROFILE_NOT_DELETABLE: (p) =>
    `Votre profil n’a pas été supprimé : ${listOf(p.blockers, 'fr', (b) => (b.as === 'creator' ? `vous êtes le créateur de ${b.workspace}` : `vous êtes le dernier administrateur de ${b.workspace}`))}. Passez d’abord la main : proposez le rôle de créateur à un autre administrateur, ou nommez un autre administrateur, puis réessayez.`,
  RATE_LIMITED: (p) =>
    p.retryAfterSeconds ? `Trop de tentatives. Réessayez dans ${p.retryAfterSeconds} secondes.` : 'Trop de tentatives. Réessayez dans un instant.',
  NOT_FOUND: () => 'Introuvable.',
  REAUTHENTICATION_REQUIRED: () => 'Confirmez que c’est bien vous : saisissez votre mot de passe ou un code de votre application d’authentification, ou utilisez une clé d’accès.',
  MAILBOX_PROOF_REQUIRED: (p) =>
    `Cette invitation a été envoyée à ${p.email ?? 'une autre adresse'}, et non à l’identifiant du profil avec lequel vous êtes connecté. Saisissez le code envoyé à cette adresse pour rejoindre l’espace avec ce profil.`,
  TEMPORARY_PASSWORD_EXPIRED: () => 'Ce mot de passe temporaire a expiré ou a déjà été utilisé. Choisissez un nouveau mot de passe avec « Mot de passe oublié ? ».',
  SERVICE_UNAVAILABLE: (p) =>
    p.retryAfterSeconds ? `Le service est momentanément indisponible. Réessayez dans ${p.retryAfterSeconds} secondes.` : 'Le service est momentanément indisponible. Réessayez dans un instant.',
  INTERNAL: () => 'Une erreur est survenue de notre côté. Veuillez réessayer.',
};

const de: Messages = {
  INVALID_INPUT: () => 'Einige Felder sind ungültig: Bitte prüfen Sie sie und versuchen Sie es erneut.',
  UNAUTHENTICATED: (p) => (p.credential === 'api_key' ? 'Dieser API-Schlüssel ist ungültig: unbekannt, widerrufen oder abgelaufen.' : 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.'),
  FORBIDDEN: (p) =>
    p.requiredRole === 'admin'
      ? 'Nur ein Administrator dieses Workspace kann das tun.'
      : p.requiredRole === 'staff'
        ? 'Nur das Plattform-Team kann das tun.'
        : p.requiredRole === 'person'
          ? 'Dafür muss eine Person angemeldet sein: Ein API-Schlüssel kann das nicht.'
        : 'Sie dürfen das nicht tun.',
  INVALID_CREDENTIALS: () => 'Ungültiger Benutzername oder falsches Passwort.',
  NO_ACCESS: () => 'Es gibt keinen Nutzer mit diesem Namen in diesem Workspace: Bitten Sie einen Administrator, Sie einzuladen.',
  MEMBER_DISMISSED: () => 'Dieser Nutzer wurde deaktiviert. Wenden Sie sich an einen Administrator, wenn Sie wieder Zugang brauchen.',
  EMAIL_NOT_VERIFIED: () => 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Prüfen Sie Ihr Postfach.',
  PASSWORD_CHANGE_REQUIRED: () => 'Sie haben sich mit einem generierten Passwort angemeldet. Bitte wählen Sie ein eigenes Passwort.',
  TWO_FACTOR_INVALID: () => 'Dieser Code ist falsch oder wurde bereits verwendet.',
  TWO_FACTOR_ALREADY_ENABLED: () => 'Die Zwei-Faktor-Authentifizierung ist für Ihr Profil bereits aktiviert.',
  TWO_FACTOR_NOT_ENABLED: () => 'Die Zwei-Faktor-Authentifizierung ist für Ihr Profil nicht aktiviert.',
  TWO_FACTOR_SETUP_REQUIRED: () => 'Beginnen Sie zuerst mit der Einrichtung der Zwei-Faktor-Authentifizierung: Scannen Sie den neuen QR-Code und geben Sie dann einen Code ein.',
  EMAIL_TAKEN: (p) =>
    p.asNewLogin
      ? 'Ein anderes Profil meldet sich bereits mit dieser Adresse an; sie kann daher noch nicht Ihre Login-E-Mail werden. Wenn dieses Profil auch Ihnen gehört: Melden Sie sich mit dieser Adresse an (stellen Sie ggf. das Passwort wieder her), ändern Sie dort die Login-E-Mail in eine andere eigene Adresse und versuchen Sie es dann hier erneut.'
      : p.scope === 'workspace'
      ? p.emailKind === 'contact'
        ? 'Ein Nutzer mit dieser E-Mail-Adresse existiert bereits in diesem Workspace: Es ist die Kontakt-E-Mail eines anderen Mitglieds. Ändern Sie diese Kontakt-E-Mail oder nutzen Sie eine andere Adresse.'
        : 'Ein Nutzer mit dieser E-Mail-Adresse existiert bereits in diesem Workspace: Es ist der Login eines anderen Mitglieds. Nutzen Sie eine andere Adresse.'
      : 'Ein Nutzer mit dieser E-Mail-Adresse existiert bereits. Melden Sie sich damit an (stellen Sie ggf. das Passwort wieder her) oder geben Sie die Adresse frei, indem Sie die Login-E-Mail jenes Profils ändern.',
  SLUG_TAKEN: () => 'Diese Workspace-Adresse ist bereits vergeben: Wählen Sie eine andere.',
  SEAT_LIMIT_REACHED: (p) =>
    `Ihr Tarif erlaubt ${p.seatsTotal ?? 'keine weiteren'} Nutzer, offene Einladungen eingeschlossen. Löschen Sie offene Einladungen, entlassen Sie Nutzer oder wechseln Sie den Tarif.`,
  INVITE_NOT_ALLOWED: () => 'Nur Administratoren können Nutzer in diesen Workspace einladen.',
  MEMBER_NOT_DELETABLE: () => 'Nur nie angenommene Einladungen können gelöscht werden. Entlassen Sie diesen Nutzer stattdessen: Seine Daten bleiben erhalten.',
  MEMBER_NOT_DISMISSABLE: () => 'Nur ein Nutzer mit Zugang kann entlassen werden. Löschen Sie eine offene Einladung oder lehnen Sie eine Beitrittsanfrage ab.',
  INVITATION_NOT_PENDING: () => 'Diese Einladung ist nicht mehr offen: Sie wurde angenommen oder gelöscht.',
  MEMBER_HAS_TASKS: (p) =>
    p.taskCount === 1 ? 'Der Nutzer wurde nicht gelöscht: Löschen Sie zuerst seine Aufgabe.' : `Der Nutzer wurde nicht gelöscht: Löschen Sie zuerst seine ${p.taskCount ?? ''} Aufgaben.`.replace('  ', ' '),
  LAST_ADMIN: () => 'Der Workspace hätte dann keinen Administrator mehr. Ernennen Sie zuerst einen anderen Administrator.',
  CREATOR_PROTECTED: () => 'Nur der Ersteller des Workspace kann die Rechte des Erstellers ändern.',
  LAST_SIGN_IN_METHOD: () => 'Das ist Ihre einzige Anmeldemethode: Fügen Sie zuerst ein Passwort oder eine andere Methode hinzu.',
  IDENTITY_TAKEN: () => 'Dieses Konto des sozialen Netzwerks ist bereits mit einem anderen Profil verknüpft. Melden Sie sich damit an und lösen Sie die Verknüpfung dort zuerst.',
  TOKEN_INVALID: (p) =>
    p.linkSwitchedOff
      ? 'Der Schnellbeitritts-Link dieses Arbeitsbereichs ist ausgeschaltet. Bitten Sie einen Administrator des Arbeitsbereichs, ihn wieder einzuschalten oder Sie einzuladen.'
      : 'Dieser Link ist ungültig oder wurde bereits verwendet.',
  TOKEN_EXPIRED: () => 'Dieser Link ist abgelaufen. Fordern Sie einen neuen an.',
  RECOVERY_ALREADY_PENDING: () => 'Für diesen Arbeitsbereich wartet bereits eine Anfrage nach einem neuen Administrator. Das Plattform-Team wird sie beantworten; eine weitere ist nicht nötig.',
  RECOVERY_NOT_DECIDABLE: (p) =>
    p.decider === 'admin'
      ? 'Die Frist zum Ablehnen dieser Anfrage ist vorbei: Das Plattform-Team entscheidet jetzt, anhand des unterschriebenen Schreibens.'
      : `Die Administratoren dieses Arbeitsbereichs können diese Anfrage bis ${p.adminsUntil ? dayOf(p.adminsUntil, 'de') : '—'} ablehnen; danach entscheidet das Plattform-Team.`,
  APP_NOT_ALLOWED: () => 'Ihre Rolle in diesem Workspace gibt keinen Zugang zu dieser App. Wenden Sie sich an einen Administrator, wenn Sie sie brauchen.',
  PASSKEY_INVALID: () => 'Dieser Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder melden Sie sich anders an.',
  TWO_FACTOR_REQUIRED_BY_POLICY: () => 'Ihr Workspace verlangt die Bestätigung in zwei Schritten. Richten Sie eine Authenticator-App oder einen Passkey ein, um fortzufahren.',
  SIGN_IN_METHOD_NOT_ALLOWED: (p) => `Ihr Workspace erlaubt diese Anmeldeart nicht.${p.allowedWays?.length ? ` Melden Sie sich an mit: ${waysIn(p.allowedWays, 'Passwort', 'Passkey')}.` : ''}`,
  DOMAIN_NOT_VERIFIED: () => 'Der TXT-Eintrag wurde nicht gefunden. Prüfen Sie Namen und Wert bei Ihrem DNS-Anbieter; ein neuer Eintrag kann einige Minuten brauchen.',
  DOMAIN_TAKEN: () => 'Ein anderer Workspace hat diese Domain bestätigt. Er muss sie zuerst entfernen, oder wenden Sie sich an das Plattform-Team.',
  DOMAIN_NOT_OWNED: () => 'Diese Adresse gehört zu einer Domain, die der Workspace nicht bestätigt hat. Bestätigen Sie die Domain zuerst in der Konsole (Domains).',
  SSO_FAILED: () => 'Die Anmeldung über das Verzeichnis Ihres Unternehmens hat nicht geklappt. Versuchen Sie es erneut; wenn es weiter scheitert, sagen Sie es Ihrer Administration: Die Konsole nennt den Grund.',
  SSO_REQUIRED: () => 'Diese Adresse meldet sich über das Single Sign-on Ihres Unternehmens an. Nutzen Sie die Schaltfläche, um mit dem Verzeichnis Ihres Unternehmens fortzufahren.',
  DESTINATION_NOT_ALLOWED: () => 'Webhooks gehen an eine öffentliche https-Adresse: kein einfaches http und keine private, Loopback- oder Link-Local-Adresse.',
  PROFILE_NOT_DELETABLE: (p) =>
    `Ihr Profil wurde nicht gelöscht: ${listOf(p.blockers, 'de', (b) => (b.as === 'creator' ? `Sie sind der Ersteller von ${b.workspace}` : `Sie sind der letzte Administrator von ${b.workspace}`))}. Übergeben Sie zuerst: Bieten Sie die Ersteller-Rolle einem anderen Administrator an oder ernennen Sie einen weiteren Administrator, und versuchen Sie es dann erneut.`,
  RATE_LIMITED: (p) =>
    p.retryAfterSeconds ? `Zu viele Versuche. Versuchen Sie es in ${p.retryAfterSeconds} Sekunden erneut.` : 'Zu viele Versuche. Versuchen Sie es gleich noch einmal.',
  NOT_FOUND: () => 'Nicht gefunden.',
  REAUTHENTICATION_REQUIRED: () => 'Bestätigen Sie, dass Sie es sind: Geben Sie Ihr Passwort oder einen Code aus Ihrer Authenticator-App ein, oder verwenden Sie einen Passkey.',
  MAILBOX_PROOF_REQUIRED: (p) =>
    `Diese Einladung ging an ${p.email ?? 'eine andere Adresse'}, nicht an das Login des Profils, mit dem Sie angemeldet sind. Geben Sie den an diese Adresse gesendeten Code ein, um mit diesem Profil beizutreten.`,
  TEMPORARY_PASSWORD_EXPIRED: () => 'Dieses vorläufige Passwort ist abgelaufen oder wurde bereits verwendet. Wählen Sie mit „Passwort vergessen?“ ein neues Passwort.',
  SERVICE_UNAVAILABLE: (p) =>
    p.retryAfterSeconds ? `Der Dienst ist kurz nicht erreichbar. Versuchen Sie es in ${p.retryAfterSeconds} Sekunden erneut.` : 'Der Dienst ist kurz nicht erreichbar. Versuchen Sie es gleich erneut.',
  INTERNAL: () => 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
};

const it: Messages = {
  INVALID_INPUT: () => 'Alcuni campi non sono validi: controllali e riprova.',
  UNAUTHENTICATED: (p) => (p.credential === 'api_key' ? 'Questa chiave API non è valida: è sconosciuta, revocata o scaduta.' : 'La sessione è scaduta. Accedi di nuovo.'),
  FORBIDDEN: (p) =>
    p.requiredRole === 'admin'
      ? 'Solo un amministratore di questo spazio può farlo.'
      : p.requiredRole === 'staff'
        ? 'Solo lo staff della piattaforma può farlo.'
        : p.requiredRole === 'person'
          ? 'Serve una persona che abbia effettuato l’accesso: una chiave API non può farlo.'
        : 'Non sei autorizzato a farlo.',
  INVALID_CREDENTIALS: () => 'Login o password non validi.',
  NO_ACCESS: () => 'Non esiste un utente con questo nome in questo spazio: chiedi a un amministratore di invitarti.',
  MEMBER_DISMISSED: () => 'Questo utente è stato disattivato. Rivolgiti a un amministratore dello spazio se ti serve di nuovo l’accesso.',
  EMAIL_NOT_VERIFIED: () => 'Conferma prima il tuo indirizzo e-mail: controlla la tua casella di posta.',
  PASSWORD_CHANGE_REQUIRED: () => 'Hai effettuato l’accesso con una password generata. Scegli la tua password per continuare.',
  TWO_FACTOR_INVALID: () => 'Questo codice è errato o è già stato usato.',
  TWO_FACTOR_ALREADY_ENABLED: () => 'L’autenticazione a due fattori è già attiva sul tuo profilo.',
  TWO_FACTOR_NOT_ENABLED: () => 'L’autenticazione a due fattori non è attiva sul tuo profilo.',
  TWO_FACTOR_SETUP_REQUIRED: () => 'Avvia prima la configurazione dell’autenticazione a due fattori: scansiona il nuovo codice QR, poi inserisci un codice.',
  EMAIL_TAKEN: (p) =>
    p.asNewLogin
      ? 'Un altro profilo accede già con questo indirizzo, quindi non può ancora diventare la tua e-mail di accesso. Se anche quel profilo è tuo: accedi con questo indirizzo (recupera la password se serve), cambia l’e-mail di accesso di quel profilo con un altro indirizzo tuo, poi torna qui e riprova.'
      : p.scope === 'workspace'
      ? p.emailKind === 'contact'
        ? 'Esiste già un utente con questa e-mail in questo spazio: è l’e-mail di contatto di un altro membro. Modifica quell’e-mail di contatto o usa un altro indirizzo.'
        : 'Esiste già un utente con questa e-mail in questo spazio: è il login di un altro membro. Usa un altro indirizzo.'
      : 'Esiste già un utente con questa e-mail. Accedi con essa (recupera la password se serve) o libera l’indirizzo cambiando l’e-mail di accesso di quel profilo.',
  SLUG_TAKEN: () => 'Questo indirizzo dello spazio è già in uso: scegline un altro.',
  SEAT_LIMIT_REACHED: (p) =>
    `Il tuo piano consente ${p.seatsTotal ?? 'non più di'} utenti, inviti in sospeso compresi. Elimina inviti in sospeso, disattiva utenti o passa a un piano superiore.`,
  INVITE_NOT_ALLOWED: () => 'Solo gli amministratori possono invitare utenti in questo spazio.',
  MEMBER_NOT_DELETABLE: () => 'Si possono eliminare solo gli inviti mai accettati. Disattiva invece questo utente: i suoi dati vengono conservati.',
  MEMBER_NOT_DISMISSABLE: () => 'Si può disattivare solo un utente che ha accesso. Elimina un invito in sospeso, oppure rifiuta una richiesta di adesione.',
  INVITATION_NOT_PENDING: () => 'Questo invito non è più in sospeso: è stato accettato o eliminato.',
  MEMBER_HAS_TASKS: (p) =>
    p.taskCount === 1 ? 'L’utente non è stato eliminato: elimina prima il suo incarico.' : `L’utente non è stato eliminato: elimina prima i suoi ${p.taskCount ?? ''} incarichi.`.replace('  ', ' '),
  LAST_ADMIN: () => 'Lo spazio resterebbe senza amministratore. Nomina prima un altro amministratore.',
  CREATOR_PROTECTED: () => 'Solo il creatore dello spazio può modificare i diritti del creatore.',
  LAST_SIGN_IN_METHOD: () => 'È il tuo unico metodo di accesso: aggiungi prima una password o un altro metodo.',
  IDENTITY_TAKEN: () => 'Questo account social è già collegato a un altro profilo. Accedi con esso e scollegalo prima da lì.',
  TOKEN_INVALID: (p) =>
    p.linkSwitchedOff
      ? 'Il link di accesso rapido di questo spazio è disattivato. Chiedi a un amministratore dello spazio di riattivarlo o di invitarti.'
      : 'Questo link non è valido o è già stato usato.',
  TOKEN_EXPIRED: () => 'Questo link è scaduto. Richiedine uno nuovo.',
  RECOVERY_ALREADY_PENDING: () => 'Una richiesta di nuovo amministratore per questo spazio è già in attesa. Il team della piattaforma risponderà; non serve inviarne un’altra.',
  RECOVERY_NOT_DECIDABLE: (p) =>
    p.decider === 'admin'
      ? 'Il tempo per rifiutare questa richiesta è scaduto: ora decide il team della piattaforma, con la lettera firmata.'
      : `Gli amministratori di questo spazio possono rifiutare questa richiesta fino al ${p.adminsUntil ? dayOf(p.adminsUntil, 'it') : '—'}; dopo decide il team della piattaforma.`,
  APP_NOT_ALLOWED: () => 'Il tuo ruolo in questo spazio non dà accesso a questa app. Rivolgiti a un amministratore dello spazio se ti serve.',
  PASSKEY_INVALID: () => 'Non è stato possibile usare questa passkey. Riprova, oppure accedi in un altro modo.',
  TWO_FACTOR_REQUIRED_BY_POLICY: () => 'Il tuo spazio di lavoro richiede la verifica in due passaggi. Configura un’app di autenticazione o una passkey per continuare.',
  SIGN_IN_METHOD_NOT_ALLOWED: (p) => `Il tuo spazio di lavoro non consente questo modo di accesso.${p.allowedWays?.length ? ` Accedi con: ${waysIn(p.allowedWays, 'password', 'passkey')}.` : ''}`,
  DOMAIN_NOT_VERIFIED: () => 'Il record TXT non è stato trovato. Controlla nome e valore presso il tuo provider DNS; un nuovo record può impiegare qualche minuto a comparire.',
  DOMAIN_TAKEN: () => 'Un altro spazio di lavoro ha verificato questo dominio. Deve prima rimuoverlo, oppure rivolgiti allo staff della piattaforma.',
  DOMAIN_NOT_OWNED: () => 'Questo indirizzo è di un dominio che lo spazio di lavoro non ha verificato. Verifica prima il dominio nella console (Domini).',
  SSO_FAILED: () => 'L’accesso tramite la directory della tua azienda non è riuscito. Riprova; se continua a non funzionare, avvisa il tuo amministratore: la console ne indica il motivo.',
  SSO_REQUIRED: () => 'Questo indirizzo accede tramite il single sign-on della tua azienda. Usa il pulsante per continuare con la directory della tua azienda.',
  DESTINATION_NOT_ALLOWED: () => 'I webhook vanno a un indirizzo https pubblico: non http semplice, né un indirizzo privato, di loopback o link-local.',
  PROFILE_NOT_DELETABLE: (p) =>
    `Il tuo profilo non è stato eliminato: ${listOf(p.blockers, 'it', (b) => (b.as === 'creator' ? `sei il creatore di ${b.workspace}` : `sei l’ultimo amministratore di ${b.workspace}`))}. Passa prima il testimone: offri il ruolo di creatore a un altro amministratore, o nomina un altro amministratore, poi riprova.`,
  RATE_LIMITED: (p) =>
    p.retryAfterSeconds ? `Troppi tentativi. Riprova tra ${p.retryAfterSeconds} secondi.` : 'Troppi tentativi. Riprova tra un momento.',
  NOT_FOUND: () => 'Non trovato.',
  REAUTHENTICATION_REQUIRED: () => 'Conferma che sei tu: inserisci la password o un codice dell’app di autenticazione, oppure usa una passkey.',
  MAILBOX_PROOF_REQUIRED: (p) =>
    `Questo invito è stato inviato a ${p.email ?? 'un altro indirizzo'}, non al login del profilo con cui hai effettuato l’accesso. Inserisci il codice inviato a quell’indirizzo per entrare con questo profilo.`,
  TEMPORARY_PASSWORD_EXPIRED: () => 'Questa password temporanea è scaduta o è già stata usata. Scegli una nuova password con «Password dimenticata?».',
  SERVICE_UNAVAILABLE: (p) =>
    p.retryAfterSeconds ? `Il servizio è momentaneamente non disponibile. Riprova tra ${p.retryAfterSeconds} secondi.` : 'Il servizio è momentaneamente non disponibile. Riprova tra poco.',
  INTERNAL: () => 'Si è verificato un errore da parte nostra. Riprova.',
};

export const ERROR_MESSAGES: Record<Locale, Messages> = { en, fr, de, it };

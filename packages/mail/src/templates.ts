import type { Locale } from '@gatehouse/domain';

/** Every message the product sends, with the values each one needs. */
export interface MailParams {
  invitation: { workspaceName: string; inviterName: string; message: string | null; link: string; expiresAt: Date };
  registration: { workspaceName: string; inviterName: string; email: string; password: string; link: string; expiresAt: Date };
  join_approved: { workspaceName: string; link: string };
  /** To a person the company's directory (SCIM) brought into a workspace. */
  directory_added: { workspaceName: string; email: string; link: string };
  email_verification: { link: string };
  signup_existing: { signInLink: string; resetLink: string };
  password_reset: { link: string; expiresAt: Date };
  password_changed: { when: Date; resetLink: string };
  email_change_confirm: { newEmail: string; link: string };
  email_change_notice: { newEmail: string; resetLink: string };
  new_device: { device: string; address: string; when: Date; sessionsLink: string };
  two_factor_reset: { workspaceName: string; until: Date | null; link: string };
  workspace_cleanup_warning: { workspaceName: string; daysLeft: number; link: string };
  recovery_decided: { workspaceName: string; approved: boolean; newAdminName: string; note: string | null; link: string };
  /** To each active admin of the workspace: a member asked staff for a new admin; they may refuse until `until`. */
  recovery_filed: { workspaceName: string; requesterName: string; proposedName: string; statement: string; until: Date; link: string };
  /** To the admin the creator offered the creator role to. */
  creator_offered: { workspaceName: string; creatorName: string; link: string };
  /** To the requester and the proposed admin: an admin of the workspace refused the request. */
  recovery_refused: { workspaceName: string; adminName: string; proposedName: string; note: string | null; link: string };
  /** To the invited address, when a profile signed in with another login accepts: proves the mailbox now. */
  invitation_code: { workspaceName: string; profileEmail: string; code: string; expiresAt: Date };
  /** To the owner of an address someone tried to join a workspace with through its link. */
  join_existing: { workspaceName: string; signInLink: string; resetLink: string };
  two_factor_disabled: { when: Date; link: string };
  recovery_code_used: { left: number; link: string };
  /** The password was right but the second step was not. */
  second_factor_failed: { when: Date; address: string; resetLink: string };
  /** A passkey was added to the profile, or removed from it. */
  passkey_changed: { change: 'added' | 'removed'; name: string; when: Date; link: string };
  /** To the workspace's other admins: one of them changed its security policy. */
  security_policy_changed: { workspaceName: string; adminName: string; when: Date; link: string };
  domain_unverified: { workspaceName: string; domain: string; recordName: string; link: string };
  /** To a workspace's admins: platform staff released a domain it had verified. */
  domain_released: { workspaceName: string; domain: string; reason: string; link: string };
  /** To the workspace's other admins: one of them signed in with a password where single sign-on is required. */
  sso_break_glass: { workspaceName: string; adminName: string; domain: string; when: Date; link: string };
  /** To each admin: a webhook endpoint failed for a day and was switched off. */
  webhook_disabled: { workspaceName: string; url: string; since: Date; link: string };
  /** To the address of a profile just deleted: what went, and which workspaces keep their records. */
  profile_deleted: { when: Date; workspaces: string[]; signUpLink: string };
  /** To a member the workspace requires two-step verification of, who has not set it up yet. */
  two_factor_required: { workspaceName: string; deadline: Date; link: string };
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

type Writer<K extends MailKind> = (params: MailParams[K], format: { date: (value: Date) => string; time: (value: Date) => string }) => Body;
type Catalogue = { [K in MailKind]: Writer<K> };

const en: Catalogue = {
  profile_deleted: (p, f) => ({
    subject: 'Your Gatehouse profile was deleted',
    paragraphs: [
      `Your Gatehouse profile with this address was deleted on ${f.time(p.when)}: your password, two-step verification, passkeys, linked accounts and sessions are gone, and nothing signs in as you any more.`,
      p.workspaces.length ? `You were dismissed from ${p.workspaces.join(', ')}; each keeps its records of your work, as when a company dismisses someone.` : 'You were no longer an active member of any workspace.',
      'This address is free: you may sign up again with it at any time.',
    ],
    action: { label: 'Sign up again', url: p.signUpLink },
    footer: 'If you did not delete your profile, answer this mail at once.',
  }),
  domain_unverified: (p) => ({
    subject: `${p.domain} is no longer verified for ${p.workspaceName}`,
    paragraphs: [`The TXT record ${p.recordName} is gone, so ${p.domain} no longer counts as a domain of ${p.workspaceName}: people with an address there are not let in or pointed to the workspace through it.`, 'Put the record back at your DNS provider and check it again in the console.'],
    action: { label: 'See the domains', url: p.link },
  }),
  security_policy_changed: (p, f) => ({
    subject: `The security policy of ${p.workspaceName} was changed`,
    paragraphs: [`${p.adminName} changed the security policy of ${p.workspaceName} on ${f.time(p.when)}. The audit trail shows what changed.`, 'If you did not expect this, talk to them, or change it back in the console.'],
    action: { label: 'See the policy', url: p.link },
  }),
  domain_released: (p) => ({
    subject: `${p.domain} was released from ${p.workspaceName}`,
    paragraphs: [`Gatehouse’s staff released ${p.domain} from ${p.workspaceName}: it no longer counts as a domain of the workspace, and another workspace may verify it. Their reason: ${p.reason}`, 'People with an address there keep their membership. If you think this is a mistake, answer this mail.'],
    action: { label: 'See the domains', url: p.link },
  }),
  webhook_disabled: (p, f) => ({
    subject: `A webhook endpoint of ${p.workspaceName} was switched off`,
    paragraphs: [`${p.url} has not taken a single event since ${f.time(p.since)}, so Gatehouse switched it off: ${p.workspaceName}’s events are no longer sent there.`, 'Once the receiver works again, switch the endpoint back on in the console; you can send the missed deliveries again from there.'],
    action: { label: 'See the webhooks', url: p.link },
  }),
  sso_break_glass: (p, f) => ({
    subject: `${p.adminName} signed in to ${p.workspaceName} with a password instead of single sign-on`,
    paragraphs: [`${p.adminName} used the break-glass sign-in of ${p.workspaceName} on ${f.time(p.when)}: a password, although addresses at ${p.domain} must sign in through your company’s directory. It is meant for when the directory is down.`, 'If you did not expect this, talk to them, and check the audit trail.'],
    action: { label: 'See the audit trail', url: p.link },
  }),
  two_factor_required: (p, f) => ({
    subject: `${p.workspaceName} requires two-step verification`,
    paragraphs: [`${p.workspaceName} requires two-step verification of its members. Set up an authenticator app or a passkey before ${f.date(p.deadline)}.`, 'After that date, signing in at the workspace only lets you set it up.'],
    action: { label: 'Set it up now', url: p.link },
  }),
  invitation_code: (p, f) => ({
    subject: `Your code to join ${p.workspaceName}`,
    paragraphs: [
      `Someone signed in to Gatehouse as ${p.profileEmail} wants to accept the invitation to ${p.workspaceName} that was sent to this address, with that profile.`,
      `If it is you, enter this code on the invitation page. It works until ${f.time(p.expiresAt)}.`,
    ],
    code: p.code,
    footer: 'If it is not you, ignore this message: nobody joins without this code, and the invitation stays yours.',
  }),
  join_existing: (p) => ({
    subject: `Someone tried to join ${p.workspaceName} with your address`,
    paragraphs: [`Someone used the join link of ${p.workspaceName} with this email address, which already has a Gatehouse profile. If it was you, sign in first, then open the link again.`, `Sign in: ${p.signInLink}`],
    action: { label: 'Choose a new password', url: p.resetLink },
    footer: 'If it was not you, you can ignore this message: nothing changed.',
  }),
  two_factor_disabled: (p, f) => ({
    subject: 'Two-step verification was turned off',
    paragraphs: [`Two-step verification of your Gatehouse profile was turned off on ${f.time(p.when)}, and its recovery codes were deleted.`, 'If this was not you, change your password and turn it on again.'],
    action: { label: 'Security settings', url: p.link },
  }),
  recovery_code_used: (p) => ({
    subject: 'A recovery code was used to sign in',
    paragraphs: [`A recovery code was used to sign in to your Gatehouse profile. ${p.left === 1 ? '1 unused code is left.' : `${p.left} unused codes are left.`}`, 'If this was not you, change your password and make new recovery codes.'],
    action: { label: 'Security settings', url: p.link },
  }),
  second_factor_failed: (p, f) => ({
    subject: 'Your password was used, but the second step failed',
    paragraphs: [`Someone entered the right password of your Gatehouse profile on ${f.time(p.when)} from address ${p.address}, then a wrong verification code.`, 'If this was not you, your password is known to someone else: choose a new one now.'],
    action: { label: 'Choose a new password', url: p.resetLink },
  }),
  passkey_changed: (p, f) => ({
    subject: p.change === 'added' ? 'A passkey was added to your profile' : 'A passkey was removed from your profile',
    paragraphs: [p.change === 'added' ? `The passkey “${p.name}” was added to your Gatehouse profile on ${f.time(p.when)}. It now signs you in without a password.` : `The passkey “${p.name}” was removed from your Gatehouse profile on ${f.time(p.when)}. It no longer signs you in.`, 'If you did not do this, check your passkeys and sessions now, and choose a new password.'],
    action: { label: 'See my passkeys', url: p.link },
  }),
  workspace_cleanup_warning: (p) => ({
    subject: `${p.workspaceName} will be deleted in ${p.daysLeft} days`,
    paragraphs: [`Nobody has signed in to the free workspace ${p.workspaceName} for a long time. Free workspaces without any sign-in for 50 days are deleted with all their data.`, `Sign in within ${p.daysLeft} days to keep it. Paid plans are never deleted.`],
    action: { label: 'Sign in', url: p.link },
  }),
  recovery_filed: (p, f) => ({
    subject: `${p.requesterName} asked platform staff for a new administrator of ${p.workspaceName}`,
    paragraphs: [
      `${p.requesterName} asked platform staff to appoint ${p.proposedName} as an administrator of ${p.workspaceName}, saying its administrators no longer answer. Their words: “${p.statement}”`,
      `If this is wrong, refuse the request in the console before ${f.date(p.until)}. After that, platform staff decide, with a letter signed by the company’s director.`,
    ],
    action: { label: 'Open the console', url: p.link },
  }),
  recovery_refused: (p) => ({
    subject: `The request for a new administrator of ${p.workspaceName} was refused`,
    paragraphs: [`${p.adminName}, an administrator of ${p.workspaceName}, refused the request to appoint ${p.proposedName} as administrator. Ask them, or another administrator, for what you need.`, ...(p.note ? [p.note] : [])],
    action: { label: 'Open Gatehouse', url: p.link },
  }),
  creator_offered: (p) => ({
    subject: `${p.creatorName} offers you the creator role of ${p.workspaceName}`,
    paragraphs: [`${p.creatorName} offers you the creator role of ${p.workspaceName}: the rights no other administrator can take away, such as demoting dismissed administrators. It becomes yours when you accept it in the console.`],
    action: { label: 'Open the console', url: p.link },
  }),
  recovery_decided: (p) => ({
    subject: p.approved ? `${p.workspaceName} has a new administrator` : `Administrator request for ${p.workspaceName} declined`,
    paragraphs: [
      p.approved
        ? `Platform staff approved the request: ${p.newAdminName} is now an administrator of ${p.workspaceName}.`
        : `Platform staff declined the request to make ${p.newAdminName} an administrator of ${p.workspaceName}.`,
      ...(p.note ? [p.note] : []),
    ],
    action: { label: 'Open Gatehouse', url: p.link },
  }),
  signup_existing: (p) => ({
    subject: 'Someone tried to create a profile with your address',
    paragraphs: ['Someone tried to sign up with this email address, which already has a Gatehouse profile. If it was you, sign in instead — or choose a new password if you forgot it.', `Sign in: ${p.signInLink}`],
    action: { label: 'Choose a new password', url: p.resetLink },
    footer: 'If it was not you, you can ignore this message: nothing changed.',
  }),
  password_reset: (p, f) => ({
    subject: 'Choose a new password',
    paragraphs: ['We received a request to reset the password of your Gatehouse profile. Open the link to choose a new one.'],
    action: { label: 'Choose a new password', url: p.link },
    footer: `The link works once, until ${f.time(p.expiresAt)}. If you did not ask for it, ignore this message: your password stays as it is.`,
  }),
  password_changed: (p, f) => ({
    subject: 'Your password was changed',
    paragraphs: [`The password of your Gatehouse profile was changed on ${f.time(p.when)}. Every other session was signed out.`, 'If you did not do this, choose a new password now and check your sessions.'],
    action: { label: 'Choose a new password', url: p.resetLink },
  }),
  email_change_confirm: (p) => ({
    subject: 'Confirm your new login email',
    paragraphs: [`Confirm that you want to sign in to Gatehouse with ${p.newEmail} from now on. Nothing changes until you do.`],
    action: { label: 'Confirm my new email', url: p.link },
    footer: 'If you did not ask for this, ignore this message.',
  }),
  email_change_notice: (p) => ({
    subject: 'A change of your login email was requested',
    paragraphs: [`Someone signed in to your Gatehouse profile asked to change its login email to ${p.newEmail}. It changes only once confirmed from that address.`, 'If this was not you, choose a new password now.'],
    action: { label: 'Choose a new password', url: p.resetLink },
  }),
  new_device: (p, f) => ({
    subject: 'New sign-in to your profile',
    paragraphs: [`Your Gatehouse profile was signed in from a new device: ${p.device}, address ${p.address}, on ${f.time(p.when)}.`, 'If this was you, there is nothing to do. If not, end that session and change your password.'],
    action: { label: 'See my sessions', url: p.sessionsLink },
  }),
  two_factor_reset: (p, f) => ({
    subject: 'Two-step verification was turned off for you',
    paragraphs: [
      p.until
        ? `An administrator of ${p.workspaceName} turned off two-step verification for your sign-ins at ${p.workspaceName} until ${f.time(p.until)}. After that, it is asked again.`
        : `An administrator of ${p.workspaceName} turned off two-step verification for your sign-ins at ${p.workspaceName}, until you set it up again.`,
      `Your sessions at ${p.workspaceName} were ended. Everywhere else — your profile and other workspaces — your second step is still asked. If you did not ask for this, tell the workspace’s administrators.`,
    ],
    action: { label: 'Security settings', url: p.link },
  }),
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
  registration: (p, f) => ({
    subject: `Your account at ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} registered you in the workspace ${p.workspaceName} on Gatehouse.`,
      `Sign in with your email ${p.email} and this password. You will be asked to choose your own at the first sign-in.`,
    ],
    code: p.password,
    footer: `This password works for one sign-in, until ${f.date(p.expiresAt)}. After that, choose one with “Forgot your password?”.`,
    action: { label: 'Sign in', url: p.link },
  }),
  directory_added: (p) => ({
    subject: `You have been added to ${p.workspaceName}`,
    paragraphs: [
      `Your company’s directory added you to the workspace ${p.workspaceName} on Gatehouse.`,
      `Sign in with your email ${p.email}. If you have no Gatehouse password yet, choose one with “Forgot your password?” on the sign-in page.`,
    ],
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
  profile_deleted: (p, f) => ({
    subject: 'Votre profil Gatehouse a été supprimé',
    paragraphs: [
      `Votre profil Gatehouse à cette adresse a été supprimé le ${f.time(p.when)} : mot de passe, validation en deux étapes, clés d’accès, comptes liés et sessions ont disparu, et plus rien ne se connecte en votre nom.`,
      p.workspaces.length ? `Vous avez été licencié de ${p.workspaces.join(', ')} ; chacun garde ses données sur votre travail, comme lorsqu’une entreprise licencie quelqu’un.` : 'Vous n’étiez plus membre actif d’aucun espace.',
      'Cette adresse est libre : vous pouvez vous réinscrire avec elle à tout moment.',
    ],
    action: { label: 'Se réinscrire', url: p.signUpLink },
    footer: 'Si vous n’avez pas supprimé votre profil, répondez tout de suite à ce message.',
  }),
  domain_unverified: (p) => ({
    subject: `${p.domain} n’est plus vérifié pour ${p.workspaceName}`,
    paragraphs: [`L’enregistrement TXT ${p.recordName} a disparu : ${p.domain} ne compte plus comme un domaine de ${p.workspaceName}, et les personnes qui y ont une adresse ne sont plus admises ni orientées vers l’espace par ce biais.`, 'Rétablissez l’enregistrement chez votre fournisseur DNS, puis vérifiez-le à nouveau dans la console.'],
    action: { label: 'Voir les domaines', url: p.link },
  }),
  security_policy_changed: (p, f) => ({
    subject: `La politique de sécurité de ${p.workspaceName} a été modifiée`,
    paragraphs: [`${p.adminName} a modifié la politique de sécurité de ${p.workspaceName} le ${f.time(p.when)}. Le journal d’audit montre ce qui a changé.`, 'Si vous ne vous y attendiez pas, parlez-en avec cette personne, ou rétablissez-la dans la console.'],
    action: { label: 'Voir la politique', url: p.link },
  }),
  domain_released: (p) => ({
    subject: `${p.domain} a été retiré de ${p.workspaceName}`,
    paragraphs: [`L’équipe de Gatehouse a retiré ${p.domain} de ${p.workspaceName} : ce domaine ne compte plus comme un domaine de l’espace, et un autre espace peut le vérifier. Leur motif : ${p.reason}`, 'Les personnes ayant une adresse à ce domaine restent membres. Si vous pensez que c’est une erreur, répondez à ce message.'],
    action: { label: 'Voir les domaines', url: p.link },
  }),
  webhook_disabled: (p, f) => ({
    subject: `Un point de terminaison webhook de ${p.workspaceName} a été désactivé`,
    paragraphs: [`${p.url} n’a accepté aucun événement depuis le ${f.time(p.since)} : Gatehouse l’a donc désactivé, et les événements de ${p.workspaceName} n’y sont plus envoyés.`, 'Quand le récepteur fonctionne de nouveau, réactivez le point de terminaison dans la console ; vous pouvez y renvoyer les livraisons manquées.'],
    action: { label: 'Voir les webhooks', url: p.link },
  }),
  sso_break_glass: (p, f) => ({
    subject: `${p.adminName} s’est connecté à ${p.workspaceName} avec un mot de passe au lieu de l’authentification unique`,
    paragraphs: [`${p.adminName} a utilisé la connexion de secours de ${p.workspaceName} le ${f.time(p.when)} : un mot de passe, alors que les adresses de ${p.domain} doivent se connecter par l’annuaire de votre entreprise. Elle est prévue pour quand l’annuaire est en panne.`, 'Si vous ne vous y attendiez pas, parlez-en avec cette personne, et consultez le journal d’audit.'],
    action: { label: 'Voir le journal d’audit', url: p.link },
  }),
  two_factor_required: (p, f) => ({
    subject: `${p.workspaceName} exige la validation en deux étapes`,
    paragraphs: [`${p.workspaceName} exige la validation en deux étapes de ses membres. Configurez une application d’authentification ou une clé d’accès avant le ${f.date(p.deadline)}.`, 'Après cette date, la connexion à l’espace ne permet plus que de la configurer.'],
    action: { label: 'La configurer maintenant', url: p.link },
  }),
  invitation_code: (p, f) => ({
    subject: `Votre code pour rejoindre ${p.workspaceName}`,
    paragraphs: [
      `Une personne connectée à Gatehouse en tant que ${p.profileEmail} veut accepter avec ce profil l’invitation à ${p.workspaceName} envoyée à cette adresse.`,
      `Si c’est vous, saisissez ce code sur la page de l’invitation. Il est valable jusqu’au ${f.time(p.expiresAt)}.`,
    ],
    code: p.code,
    footer: 'Si ce n’est pas vous, ignorez ce message : personne ne rejoint l’espace sans ce code, et l’invitation reste la vôtre.',
  }),
  join_existing: (p) => ({
    subject: `Quelqu’un a tenté de rejoindre ${p.workspaceName} avec votre adresse`,
    paragraphs: [`Quelqu’un a utilisé le lien d’accès de ${p.workspaceName} avec cette adresse, qui a déjà un profil Gatehouse. Si c’était vous, connectez-vous d’abord, puis rouvrez le lien.`, `Se connecter : ${p.signInLink}`],
    action: { label: 'Choisir un nouveau mot de passe', url: p.resetLink },
    footer: 'Si ce n’était pas vous, ignorez ce message : rien n’a changé.',
  }),
  two_factor_disabled: (p, f) => ({
    subject: 'La validation en deux étapes a été désactivée',
    paragraphs: [`La validation en deux étapes de votre profil Gatehouse a été désactivée le ${f.time(p.when)}, et ses codes de secours ont été supprimés.`, 'Si ce n’était pas vous, changez votre mot de passe et réactivez-la.'],
    action: { label: 'Paramètres de sécurité', url: p.link },
  }),
  recovery_code_used: (p) => ({
    subject: 'Un code de secours a servi à vous connecter',
    paragraphs: [`Un code de secours a servi à se connecter à votre profil Gatehouse. ${p.left === 1 ? 'Il reste 1 code inutilisé.' : `Il reste ${p.left} codes inutilisés.`}`, 'Si ce n’était pas vous, changez votre mot de passe et générez de nouveaux codes de secours.'],
    action: { label: 'Paramètres de sécurité', url: p.link },
  }),
  second_factor_failed: (p, f) => ({
    subject: 'Votre mot de passe a été utilisé, mais la deuxième étape a échoué',
    paragraphs: [`Quelqu’un a saisi le bon mot de passe de votre profil Gatehouse le ${f.time(p.when)} depuis l’adresse ${p.address}, puis un code de vérification erroné.`, 'Si ce n’était pas vous, quelqu’un d’autre connaît votre mot de passe : choisissez-en un nouveau dès maintenant.'],
    action: { label: 'Choisir un nouveau mot de passe', url: p.resetLink },
  }),
  passkey_changed: (p, f) => ({
    subject: p.change === 'added' ? 'Une clé d’accès a été ajoutée à votre profil' : 'Une clé d’accès a été retirée de votre profil',
    paragraphs: [p.change === 'added' ? `La clé d’accès « ${p.name} » a été ajoutée à votre profil Gatehouse le ${f.time(p.when)}. Elle vous connecte désormais sans mot de passe.` : `La clé d’accès « ${p.name} » a été retirée de votre profil Gatehouse le ${f.time(p.when)}. Elle ne vous connecte plus.`, 'Si ce n’était pas vous, vérifiez maintenant vos clés d’accès et vos sessions, et choisissez un nouveau mot de passe.'],
    action: { label: 'Voir mes clés d’accès', url: p.link },
  }),
  workspace_cleanup_warning: (p) => ({
    subject: `${p.workspaceName} sera supprimé dans ${p.daysLeft} jours`,
    paragraphs: [`Personne ne s’est connecté à l’espace gratuit ${p.workspaceName} depuis longtemps. Les espaces gratuits sans connexion pendant 50 jours sont supprimés avec toutes leurs données.`, `Connectez-vous dans les ${p.daysLeft} jours pour le conserver. Les offres payantes ne sont jamais supprimées.`],
    action: { label: 'Se connecter', url: p.link },
  }),
  recovery_filed: (p, f) => ({
    subject: `${p.requesterName} a demandé un nouvel administrateur pour ${p.workspaceName}`,
    paragraphs: [
      `${p.requesterName} a demandé à l’équipe de la plateforme de nommer ${p.proposedName} administrateur de ${p.workspaceName}, en indiquant que ses administrateurs ne répondent plus. Ses mots : « ${p.statement} »`,
      `Si c’est une erreur, refusez la demande dans la console avant le ${f.date(p.until)}. Ensuite, l’équipe de la plateforme décide, avec une lettre signée par le dirigeant de l’entreprise.`,
    ],
    action: { label: 'Ouvrir la console', url: p.link },
  }),
  recovery_refused: (p) => ({
    subject: `La demande de nouvel administrateur pour ${p.workspaceName} a été refusée`,
    paragraphs: [`${p.adminName}, administrateur de ${p.workspaceName}, a refusé la demande de nommer ${p.proposedName} administrateur. Adressez-vous à lui, ou à un autre administrateur, pour ce dont vous avez besoin.`, ...(p.note ? [p.note] : [])],
    action: { label: 'Ouvrir Gatehouse', url: p.link },
  }),
  creator_offered: (p) => ({
    subject: `${p.creatorName} vous propose le rôle de créateur de ${p.workspaceName}`,
    paragraphs: [`${p.creatorName} vous propose le rôle de créateur de ${p.workspaceName} : les droits qu’aucun autre administrateur ne peut retirer, comme rétrograder les administrateurs licenciés. Il devient le vôtre quand vous l’acceptez dans la console.`],
    action: { label: 'Ouvrir la console', url: p.link },
  }),
  recovery_decided: (p) => ({
    subject: p.approved ? `${p.workspaceName} a un nouvel administrateur` : `Demande d’administrateur pour ${p.workspaceName} refusée`,
    paragraphs: [
      p.approved
        ? `L’équipe de la plateforme a approuvé la demande : ${p.newAdminName} est désormais administrateur de ${p.workspaceName}.`
        : `L’équipe de la plateforme a refusé de nommer ${p.newAdminName} administrateur de ${p.workspaceName}.`,
      ...(p.note ? [p.note] : []),
    ],
    action: { label: 'Ouvrir Gatehouse', url: p.link },
  }),
  signup_existing: (p) => ({
    subject: 'Quelqu’un a tenté de créer un profil avec votre adresse',
    paragraphs: ['Quelqu’un a tenté de s’inscrire avec cette adresse e-mail, qui a déjà un profil Gatehouse. Si c’était vous, connectez-vous — ou choisissez un nouveau mot de passe si vous l’avez oublié.', `Se connecter : ${p.signInLink}`],
    action: { label: 'Choisir un nouveau mot de passe', url: p.resetLink },
    footer: 'Si ce n’était pas vous, ignorez ce message : rien n’a changé.',
  }),
  password_reset: (p, f) => ({
    subject: 'Choisissez un nouveau mot de passe',
    paragraphs: ['Nous avons reçu une demande de réinitialisation du mot de passe de votre profil Gatehouse. Ouvrez le lien pour en choisir un nouveau.'],
    action: { label: 'Choisir un nouveau mot de passe', url: p.link },
    footer: `Le lien ne sert qu’une fois, jusqu’au ${f.time(p.expiresAt)}. Si vous ne l’avez pas demandé, ignorez ce message : votre mot de passe reste inchangé.`,
  }),
  password_changed: (p, f) => ({
    subject: 'Votre mot de passe a été changé',
    paragraphs: [`Le mot de passe de votre profil Gatehouse a été changé le ${f.time(p.when)}. Toutes les autres sessions ont été déconnectées.`, 'Si ce n’était pas vous, choisissez un nouveau mot de passe maintenant et vérifiez vos sessions.'],
    action: { label: 'Choisir un nouveau mot de passe', url: p.resetLink },
  }),
  email_change_confirm: (p) => ({
    subject: 'Confirmez votre nouvel e-mail de connexion',
    paragraphs: [`Confirmez que vous voulez désormais vous connecter à Gatehouse avec ${p.newEmail}. Rien ne change avant votre confirmation.`],
    action: { label: 'Confirmer mon nouvel e-mail', url: p.link },
    footer: 'Si vous ne l’avez pas demandé, ignorez ce message.',
  }),
  email_change_notice: (p) => ({
    subject: 'Un changement de votre e-mail de connexion a été demandé',
    paragraphs: [`Une personne connectée à votre profil Gatehouse a demandé à changer son e-mail de connexion pour ${p.newEmail}. Il ne change qu’après confirmation depuis cette adresse.`, 'Si ce n’était pas vous, choisissez un nouveau mot de passe maintenant.'],
    action: { label: 'Choisir un nouveau mot de passe', url: p.resetLink },
  }),
  new_device: (p, f) => ({
    subject: 'Nouvelle connexion à votre profil',
    paragraphs: [`Votre profil Gatehouse a été connecté depuis un nouvel appareil : ${p.device}, adresse ${p.address}, le ${f.time(p.when)}.`, 'Si c’était vous, rien à faire. Sinon, terminez cette session et changez votre mot de passe.'],
    action: { label: 'Voir mes sessions', url: p.sessionsLink },
  }),
  two_factor_reset: (p, f) => ({
    subject: 'La validation en deux étapes a été désactivée pour vous',
    paragraphs: [
      p.until
        ? `Un administrateur de ${p.workspaceName} a désactivé la validation en deux étapes pour vos connexions à ${p.workspaceName} jusqu’au ${f.time(p.until)}. Ensuite, elle sera de nouveau demandée.`
        : `Un administrateur de ${p.workspaceName} a désactivé la validation en deux étapes pour vos connexions à ${p.workspaceName}, jusqu’à ce que vous la configuriez de nouveau.`,
      `Vos sessions à ${p.workspaceName} ont été fermées. Partout ailleurs — votre profil et les autres espaces — la deuxième étape reste demandée. Si vous ne l’avez pas demandé, prévenez les administrateurs de l’espace.`,
    ],
    action: { label: 'Paramètres de sécurité', url: p.link },
  }),
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
  registration: (p, f) => ({
    subject: `Votre compte dans ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} vous a inscrit dans l’espace ${p.workspaceName} sur Gatehouse.`,
      `Connectez-vous avec votre e-mail ${p.email} et ce mot de passe. Vous choisirez le vôtre à la première connexion.`,
    ],
    code: p.password,
    footer: `Ce mot de passe sert pour une seule connexion, jusqu’au ${f.date(p.expiresAt)}. Ensuite, choisissez-en un avec « Mot de passe oublié ? ».`,
    action: { label: 'Se connecter', url: p.link },
  }),
  directory_added: (p) => ({
    subject: `Vous avez été ajouté à ${p.workspaceName}`,
    paragraphs: [
      `L’annuaire de votre entreprise vous a ajouté à l’espace ${p.workspaceName} sur Gatehouse.`,
      `Connectez-vous avec votre adresse ${p.email}. Si vous n’avez pas encore de mot de passe Gatehouse, choisissez-en un avec « Mot de passe oublié ? » sur la page de connexion.`,
    ],
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
  profile_deleted: (p, f) => ({
    subject: 'Ihr Gatehouse-Profil wurde gelöscht',
    paragraphs: [
      `Ihr Gatehouse-Profil mit dieser Adresse wurde am ${f.time(p.when)} gelöscht: Passwort, Zwei-Schritt-Verifizierung, Passkeys, verknüpfte Konten und Sitzungen sind weg, und nichts meldet sich mehr als Sie an.`,
      p.workspaces.length ? `Sie wurden aus ${p.workspaces.join(', ')} entlassen; jeder Workspace behält seine Unterlagen über Ihre Arbeit, wie bei jeder Entlassung.` : 'Sie waren in keinem Workspace mehr aktives Mitglied.',
      'Diese Adresse ist frei: Sie können sich jederzeit wieder damit registrieren.',
    ],
    action: { label: 'Neu registrieren', url: p.signUpLink },
    footer: 'Wenn Sie Ihr Profil nicht gelöscht haben, antworten Sie sofort auf diese Nachricht.',
  }),
  domain_unverified: (p) => ({
    subject: `${p.domain} ist für ${p.workspaceName} nicht mehr bestätigt`,
    paragraphs: [`Der TXT-Eintrag ${p.recordName} ist verschwunden: ${p.domain} zählt nicht mehr als Domain von ${p.workspaceName}, und Personen mit einer Adresse dort werden darüber weder aufgenommen noch auf den Workspace hingewiesen.`, 'Legen Sie den Eintrag bei Ihrem DNS-Anbieter wieder an und prüfen Sie ihn in der Konsole erneut.'],
    action: { label: 'Domains ansehen', url: p.link },
  }),
  security_policy_changed: (p, f) => ({
    subject: `Die Sicherheitsrichtlinie von ${p.workspaceName} wurde geändert`,
    paragraphs: [`${p.adminName} hat die Sicherheitsrichtlinie von ${p.workspaceName} am ${f.time(p.when)} geändert. Das Audit-Protokoll zeigt, was sich geändert hat.`, 'Wenn Sie das nicht erwartet haben, sprechen Sie mit der Person, oder stellen Sie sie in der Konsole wieder her.'],
    action: { label: 'Richtlinie ansehen', url: p.link },
  }),
  domain_released: (p) => ({
    subject: `${p.domain} wurde von ${p.workspaceName} freigegeben`,
    paragraphs: [`Das Gatehouse-Team hat ${p.domain} von ${p.workspaceName} freigegeben: die Domain zählt nicht mehr zum Arbeitsbereich, und ein anderer Arbeitsbereich kann sie verifizieren. Begründung: ${p.reason}`, 'Personen mit einer Adresse dort bleiben Mitglieder. Wenn Sie das für einen Irrtum halten, antworten Sie auf diese E-Mail.'],
    action: { label: 'Domains ansehen', url: p.link },
  }),
  webhook_disabled: (p, f) => ({
    subject: `Ein Webhook-Endpunkt von ${p.workspaceName} wurde abgeschaltet`,
    paragraphs: [`${p.url} hat seit ${f.time(p.since)} kein einziges Ereignis angenommen, daher hat Gatehouse ihn abgeschaltet: Die Ereignisse von ${p.workspaceName} werden nicht mehr dorthin gesendet.`, 'Sobald der Empfänger wieder funktioniert, schalten Sie den Endpunkt in der Konsole wieder ein; dort können Sie die verpassten Zustellungen erneut senden.'],
    action: { label: 'Webhooks ansehen', url: p.link },
  }),
  sso_break_glass: (p, f) => ({
    subject: `${p.adminName} hat sich bei ${p.workspaceName} mit einem Passwort statt Single Sign-on angemeldet`,
    paragraphs: [`${p.adminName} hat am ${f.time(p.when)} die Notfall-Anmeldung von ${p.workspaceName} genutzt: ein Passwort, obwohl sich Adressen bei ${p.domain} über das Verzeichnis Ihres Unternehmens anmelden müssen. Sie ist für den Fall gedacht, dass das Verzeichnis ausfällt.`, 'Wenn Sie das nicht erwartet haben, sprechen Sie mit der Person, und sehen Sie im Audit-Protokoll nach.'],
    action: { label: 'Audit-Protokoll ansehen', url: p.link },
  }),
  two_factor_required: (p, f) => ({
    subject: `${p.workspaceName} verlangt die Bestätigung in zwei Schritten`,
    paragraphs: [`${p.workspaceName} verlangt von seinen Mitgliedern die Bestätigung in zwei Schritten. Richten Sie vor dem ${f.date(p.deadline)} eine Authenticator-App oder einen Passkey ein.`, 'Nach diesem Datum können Sie sie bei der Anmeldung im Workspace nur noch einrichten.'],
    action: { label: 'Jetzt einrichten', url: p.link },
  }),
  invitation_code: (p, f) => ({
    subject: `Ihr Code für den Beitritt zu ${p.workspaceName}`,
    paragraphs: [
      `Jemand, der bei Gatehouse als ${p.profileEmail} angemeldet ist, möchte die an diese Adresse gesendete Einladung zu ${p.workspaceName} mit diesem Profil annehmen.`,
      `Wenn Sie das sind, geben Sie diesen Code auf der Einladungsseite ein. Er gilt bis ${f.time(p.expiresAt)}.`,
    ],
    code: p.code,
    footer: 'Wenn Sie das nicht sind, ignorieren Sie diese Nachricht: Ohne diesen Code tritt niemand bei, und die Einladung bleibt Ihre.',
  }),
  join_existing: (p) => ({
    subject: `Jemand wollte mit Ihrer Adresse ${p.workspaceName} beitreten`,
    paragraphs: [`Jemand hat den Beitrittslink von ${p.workspaceName} mit dieser E-Mail-Adresse verwendet, zu der es schon ein Gatehouse-Profil gibt. Wenn Sie das waren, melden Sie sich zuerst an und öffnen Sie dann den Link erneut.`, `Anmelden: ${p.signInLink}`],
    action: { label: 'Neues Passwort wählen', url: p.resetLink },
    footer: 'Wenn Sie das nicht waren, können Sie diese Nachricht ignorieren: Es hat sich nichts geändert.',
  }),
  two_factor_disabled: (p, f) => ({
    subject: 'Die Zwei-Faktor-Authentifizierung wurde ausgeschaltet',
    paragraphs: [`Die Zwei-Faktor-Authentifizierung Ihres Gatehouse-Profils wurde am ${f.time(p.when)} ausgeschaltet, und ihre Wiederherstellungscodes wurden gelöscht.`, 'Wenn Sie das nicht waren, ändern Sie Ihr Passwort und schalten Sie sie wieder ein.'],
    action: { label: 'Sicherheitseinstellungen', url: p.link },
  }),
  recovery_code_used: (p) => ({
    subject: 'Zur Anmeldung wurde ein Wiederherstellungscode verwendet',
    paragraphs: [`Zur Anmeldung bei Ihrem Gatehouse-Profil wurde ein Wiederherstellungscode verwendet. ${p.left === 1 ? 'Es ist noch 1 unbenutzter Code übrig.' : `Es sind noch ${p.left} unbenutzte Codes übrig.`}`, 'Wenn Sie das nicht waren, ändern Sie Ihr Passwort und erstellen Sie neue Wiederherstellungscodes.'],
    action: { label: 'Sicherheitseinstellungen', url: p.link },
  }),
  second_factor_failed: (p, f) => ({
    subject: 'Ihr Passwort wurde verwendet, aber der zweite Schritt schlug fehl',
    paragraphs: [`Jemand hat am ${f.time(p.when)} von der Adresse ${p.address} das richtige Passwort Ihres Gatehouse-Profils eingegeben, dann einen falschen Bestätigungscode.`, 'Wenn Sie das nicht waren, kennt jemand anderes Ihr Passwort: Wählen Sie jetzt ein neues.'],
    action: { label: 'Neues Passwort wählen', url: p.resetLink },
  }),
  passkey_changed: (p, f) => ({
    subject: p.change === 'added' ? 'Ihrem Profil wurde ein Passkey hinzugefügt' : 'Aus Ihrem Profil wurde ein Passkey entfernt',
    paragraphs: [p.change === 'added' ? `Der Passkey „${p.name}“ wurde am ${f.time(p.when)} Ihrem Gatehouse-Profil hinzugefügt. Er meldet Sie jetzt ohne Passwort an.` : `Der Passkey „${p.name}“ wurde am ${f.time(p.when)} aus Ihrem Gatehouse-Profil entfernt. Er meldet Sie nicht mehr an.`, 'Wenn Sie das nicht waren, prüfen Sie jetzt Ihre Passkeys und Sitzungen und wählen Sie ein neues Passwort.'],
    action: { label: 'Meine Passkeys ansehen', url: p.link },
  }),
  workspace_cleanup_warning: (p) => ({
    subject: `${p.workspaceName} wird in ${p.daysLeft} Tagen gelöscht`,
    paragraphs: [`Seit langem hat sich niemand beim kostenlosen Workspace ${p.workspaceName} angemeldet. Kostenlose Workspaces ohne Anmeldung seit 50 Tagen werden mit allen Daten gelöscht.`, `Melden Sie sich innerhalb von ${p.daysLeft} Tagen an, um ihn zu behalten. Kostenpflichtige Tarife werden nie gelöscht.`],
    action: { label: 'Anmelden', url: p.link },
  }),
  recovery_filed: (p, f) => ({
    subject: `${p.requesterName} hat einen neuen Administrator für ${p.workspaceName} angefragt`,
    paragraphs: [
      `${p.requesterName} hat das Plattform-Team gebeten, ${p.proposedName} zum Administrator von ${p.workspaceName} zu ernennen, weil die Administratoren nicht mehr antworten. Die Begründung: „${p.statement}“`,
      `Wenn das nicht stimmt, lehnen Sie die Anfrage vor dem ${f.date(p.until)} in der Konsole ab. Danach entscheidet das Plattform-Team, anhand eines von der Geschäftsführung unterschriebenen Schreibens.`,
    ],
    action: { label: 'Konsole öffnen', url: p.link },
  }),
  recovery_refused: (p) => ({
    subject: `Die Anfrage nach einem neuen Administrator für ${p.workspaceName} wurde abgelehnt`,
    paragraphs: [`${p.adminName}, Administrator von ${p.workspaceName}, hat die Anfrage abgelehnt, ${p.proposedName} zum Administrator zu ernennen. Wenden Sie sich an diese Person oder einen anderen Administrator.`, ...(p.note ? [p.note] : [])],
    action: { label: 'Gatehouse öffnen', url: p.link },
  }),
  creator_offered: (p) => ({
    subject: `${p.creatorName} bietet Ihnen die Erstellerrolle von ${p.workspaceName} an`,
    paragraphs: [`${p.creatorName} bietet Ihnen die Erstellerrolle von ${p.workspaceName} an: die Rechte, die kein anderer Administrator entziehen kann, etwa entlassene Administratoren herabzustufen. Sie geht auf Sie über, wenn Sie sie in der Konsole annehmen.`],
    action: { label: 'Konsole öffnen', url: p.link },
  }),
  recovery_decided: (p) => ({
    subject: p.approved ? `${p.workspaceName} hat einen neuen Administrator` : `Administrator-Anfrage für ${p.workspaceName} abgelehnt`,
    paragraphs: [
      p.approved
        ? `Das Plattform-Team hat die Anfrage bestätigt: ${p.newAdminName} ist jetzt Administrator von ${p.workspaceName}.`
        : `Das Plattform-Team hat abgelehnt, ${p.newAdminName} zum Administrator von ${p.workspaceName} zu machen.`,
      ...(p.note ? [p.note] : []),
    ],
    action: { label: 'Gatehouse öffnen', url: p.link },
  }),
  signup_existing: (p) => ({
    subject: 'Jemand wollte mit Ihrer Adresse ein Profil erstellen',
    paragraphs: ['Jemand wollte sich mit dieser E-Mail-Adresse registrieren, für die es schon ein Gatehouse-Profil gibt. Wenn Sie es waren, melden Sie sich an – oder wählen Sie ein neues Passwort, falls Sie es vergessen haben.', `Anmelden: ${p.signInLink}`],
    action: { label: 'Neues Passwort wählen', url: p.resetLink },
    footer: 'Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Es hat sich nichts geändert.',
  }),
  password_reset: (p, f) => ({
    subject: 'Wählen Sie ein neues Passwort',
    paragraphs: ['Wir haben eine Anfrage erhalten, das Passwort Ihres Gatehouse-Profils zurückzusetzen. Öffnen Sie den Link, um ein neues zu wählen.'],
    action: { label: 'Neues Passwort wählen', url: p.link },
    footer: `Der Link gilt einmal, bis ${f.time(p.expiresAt)}. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.`,
  }),
  password_changed: (p, f) => ({
    subject: 'Ihr Passwort wurde geändert',
    paragraphs: [`Das Passwort Ihres Gatehouse-Profils wurde am ${f.time(p.when)} geändert. Alle anderen Sitzungen wurden abgemeldet.`, 'Wenn Sie das nicht waren, wählen Sie jetzt ein neues Passwort und prüfen Sie Ihre Sitzungen.'],
    action: { label: 'Neues Passwort wählen', url: p.resetLink },
  }),
  email_change_confirm: (p) => ({
    subject: 'Bestätigen Sie Ihre neue Login-E-Mail',
    paragraphs: [`Bestätigen Sie, dass Sie sich künftig mit ${p.newEmail} bei Gatehouse anmelden wollen. Bis dahin ändert sich nichts.`],
    action: { label: 'Neue E-Mail bestätigen', url: p.link },
    footer: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.',
  }),
  email_change_notice: (p) => ({
    subject: 'Eine Änderung Ihrer Login-E-Mail wurde angefordert',
    paragraphs: [`Jemand, der in Ihrem Gatehouse-Profil angemeldet ist, will die Login-E-Mail auf ${p.newEmail} ändern. Sie ändert sich erst nach Bestätigung von dieser Adresse.`, 'Wenn Sie das nicht waren, wählen Sie jetzt ein neues Passwort.'],
    action: { label: 'Neues Passwort wählen', url: p.resetLink },
  }),
  new_device: (p, f) => ({
    subject: 'Neue Anmeldung bei Ihrem Profil',
    paragraphs: [`Ihr Gatehouse-Profil wurde von einem neuen Gerät angemeldet: ${p.device}, Adresse ${p.address}, am ${f.time(p.when)}.`, 'Wenn Sie es waren, ist nichts zu tun. Wenn nicht, beenden Sie diese Sitzung und ändern Sie Ihr Passwort.'],
    action: { label: 'Meine Sitzungen', url: p.sessionsLink },
  }),
  two_factor_reset: (p, f) => ({
    subject: 'Die Zwei-Faktor-Authentifizierung wurde für Sie ausgeschaltet',
    paragraphs: [
      p.until
        ? `Ein Administrator von ${p.workspaceName} hat die Zwei-Faktor-Authentifizierung für Ihre Anmeldungen bei ${p.workspaceName} bis ${f.time(p.until)} ausgeschaltet. Danach wird sie wieder verlangt.`
        : `Ein Administrator von ${p.workspaceName} hat die Zwei-Faktor-Authentifizierung für Ihre Anmeldungen bei ${p.workspaceName} ausgeschaltet, bis Sie sie neu einrichten.`,
      `Ihre Sitzungen bei ${p.workspaceName} wurden beendet. Überall sonst — Ihr Profil und andere Arbeitsbereiche — wird der zweite Schritt weiter verlangt. Wenn Sie das nicht veranlasst haben, informieren Sie die Administratoren des Arbeitsbereichs.`,
    ],
    action: { label: 'Sicherheitseinstellungen', url: p.link },
  }),
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
  registration: (p, f) => ({
    subject: `Ihr Zugang zu ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} hat Sie im Workspace ${p.workspaceName} auf Gatehouse registriert.`,
      `Melden Sie sich mit Ihrer E-Mail ${p.email} und diesem Passwort an. Bei der ersten Anmeldung wählen Sie ein eigenes.`,
    ],
    code: p.password,
    footer: `Dieses Passwort gilt für eine Anmeldung, bis ${f.date(p.expiresAt)}. Danach wählen Sie eines mit „Passwort vergessen?“.`,
    action: { label: 'Anmelden', url: p.link },
  }),
  directory_added: (p) => ({
    subject: `Sie wurden zu ${p.workspaceName} hinzugefügt`,
    paragraphs: [
      `Das Verzeichnis Ihres Unternehmens hat Sie dem Workspace ${p.workspaceName} auf Gatehouse hinzugefügt.`,
      `Melden Sie sich mit Ihrer E-Mail-Adresse ${p.email} an. Wenn Sie noch kein Gatehouse-Passwort haben, wählen Sie eines über „Passwort vergessen?“ auf der Anmeldeseite.`,
    ],
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
  profile_deleted: (p, f) => ({
    subject: 'Il tuo profilo Gatehouse è stato eliminato',
    paragraphs: [
      `Il tuo profilo Gatehouse con questo indirizzo è stato eliminato il ${f.time(p.when)}: password, verifica in due passaggi, passkey, account collegati e sessioni non ci sono più, e nulla accede più a tuo nome.`,
      p.workspaces.length ? `Sei stato disattivato da ${p.workspaces.join(', ')}; ognuno conserva i dati sul tuo lavoro, come quando un’azienda disattiva qualcuno.` : 'Non eri più membro attivo di alcuno spazio.',
      'Questo indirizzo è libero: puoi registrarti di nuovo quando vuoi.',
    ],
    action: { label: 'Registrati di nuovo', url: p.signUpLink },
    footer: 'Se non hai eliminato tu il profilo, rispondi subito a questo messaggio.',
  }),
  domain_unverified: (p) => ({
    subject: `${p.domain} non è più verificato per ${p.workspaceName}`,
    paragraphs: [`Il record TXT ${p.recordName} non c’è più: ${p.domain} non conta più come dominio di ${p.workspaceName}, e chi ha un indirizzo lì non viene più ammesso né indirizzato allo spazio di lavoro tramite esso.`, 'Ripristina il record presso il tuo provider DNS e verificalo di nuovo nella console.'],
    action: { label: 'Vedi i domini', url: p.link },
  }),
  security_policy_changed: (p, f) => ({
    subject: `La politica di sicurezza di ${p.workspaceName} è stata modificata`,
    paragraphs: [`${p.adminName} ha modificato la politica di sicurezza di ${p.workspaceName} il ${f.time(p.when)}. Il registro di controllo mostra cosa è cambiato.`, 'Se non te lo aspettavi, parlane con questa persona, oppure ripristinala nella console.'],
    action: { label: 'Vedi la politica', url: p.link },
  }),
  domain_released: (p) => ({
    subject: `${p.domain} è stato rilasciato da ${p.workspaceName}`,
    paragraphs: [`Lo staff di Gatehouse ha rilasciato ${p.domain} da ${p.workspaceName}: non conta più come dominio dello spazio, e un altro spazio può verificarlo. Motivo: ${p.reason}`, 'Le persone con un indirizzo lì restano membri. Se pensi che sia un errore, rispondi a questa e-mail.'],
    action: { label: 'Vedi i domini', url: p.link },
  }),
  webhook_disabled: (p, f) => ({
    subject: `Un endpoint webhook di ${p.workspaceName} è stato disattivato`,
    paragraphs: [`${p.url} non ha accettato alcun evento dal ${f.time(p.since)}, quindi Gatehouse lo ha disattivato: gli eventi di ${p.workspaceName} non vi vengono più inviati.`, 'Quando il ricevitore funziona di nuovo, riattiva l’endpoint nella console; da lì puoi inviare di nuovo le consegne perse.'],
    action: { label: 'Vedi i webhook', url: p.link },
  }),
  sso_break_glass: (p, f) => ({
    subject: `${p.adminName} ha effettuato l’accesso a ${p.workspaceName} con una password invece del single sign-on`,
    paragraphs: [`${p.adminName} ha usato l’accesso di emergenza di ${p.workspaceName} il ${f.time(p.when)}: una password, anche se gli indirizzi di ${p.domain} devono accedere tramite la directory della tua azienda. È pensato per quando la directory non funziona.`, 'Se non te lo aspettavi, parlane con questa persona, e controlla il registro di controllo.'],
    action: { label: 'Vedi il registro di controllo', url: p.link },
  }),
  two_factor_required: (p, f) => ({
    subject: `${p.workspaceName} richiede la verifica in due passaggi`,
    paragraphs: [`${p.workspaceName} richiede ai suoi membri la verifica in due passaggi. Configura un’app di autenticazione o una passkey entro il ${f.date(p.deadline)}.`, 'Dopo questa data, accedendo allo spazio di lavoro potrai solo configurarla.'],
    action: { label: 'Configurala ora', url: p.link },
  }),
  invitation_code: (p, f) => ({
    subject: `Il tuo codice per entrare in ${p.workspaceName}`,
    paragraphs: [
      `Una persona che ha effettuato l’accesso a Gatehouse come ${p.profileEmail} vuole accettare con quel profilo l’invito a ${p.workspaceName} inviato a questo indirizzo.`,
      `Se sei tu, inserisci questo codice nella pagina dell’invito. È valido fino al ${f.time(p.expiresAt)}.`,
    ],
    code: p.code,
    footer: 'Se non sei tu, ignora questo messaggio: nessuno entra senza questo codice, e l’invito resta tuo.',
  }),
  join_existing: (p) => ({
    subject: `Qualcuno ha provato a entrare in ${p.workspaceName} con il tuo indirizzo`,
    paragraphs: [`Qualcuno ha usato il link di accesso di ${p.workspaceName} con questo indirizzo e-mail, che ha già un profilo Gatehouse. Se eri tu, accedi prima e poi riapri il link.`, `Accedi: ${p.signInLink}`],
    action: { label: 'Scegli una nuova password', url: p.resetLink },
    footer: 'Se non eri tu, puoi ignorare questo messaggio: non è cambiato nulla.',
  }),
  two_factor_disabled: (p, f) => ({
    subject: 'L’autenticazione a due fattori è stata disattivata',
    paragraphs: [`L’autenticazione a due fattori del tuo profilo Gatehouse è stata disattivata il ${f.time(p.when)}, e i suoi codici di recupero sono stati eliminati.`, 'Se non sei stato tu, cambia la password e riattivala.'],
    action: { label: 'Impostazioni di sicurezza', url: p.link },
  }),
  recovery_code_used: (p) => ({
    subject: 'È stato usato un codice di recupero per accedere',
    paragraphs: [`È stato usato un codice di recupero per accedere al tuo profilo Gatehouse. ${p.left === 1 ? 'Resta 1 codice inutilizzato.' : `Restano ${p.left} codici inutilizzati.`}`, 'Se non sei stato tu, cambia la password e genera nuovi codici di recupero.'],
    action: { label: 'Impostazioni di sicurezza', url: p.link },
  }),
  second_factor_failed: (p, f) => ({
    subject: 'La tua password è stata usata, ma il secondo passaggio non è riuscito',
    paragraphs: [`Qualcuno ha inserito la password corretta del tuo profilo Gatehouse il ${f.time(p.when)} dall’indirizzo ${p.address}, poi un codice di verifica errato.`, 'Se non eri tu, qualcun altro conosce la tua password: scegline subito una nuova.'],
    action: { label: 'Scegli una nuova password', url: p.resetLink },
  }),
  passkey_changed: (p, f) => ({
    subject: p.change === 'added' ? 'Una passkey è stata aggiunta al tuo profilo' : 'Una passkey è stata rimossa dal tuo profilo',
    paragraphs: [p.change === 'added' ? `La passkey «${p.name}» è stata aggiunta al tuo profilo Gatehouse il ${f.time(p.when)}. Ora ti fa accedere senza password.` : `La passkey «${p.name}» è stata rimossa dal tuo profilo Gatehouse il ${f.time(p.when)}. Non ti fa più accedere.`, 'Se non sei stato tu, controlla subito le tue passkey e le tue sessioni, e scegli una nuova password.'],
    action: { label: 'Vedi le mie passkey', url: p.link },
  }),
  workspace_cleanup_warning: (p) => ({
    subject: `${p.workspaceName} sarà eliminato tra ${p.daysLeft} giorni`,
    paragraphs: [`Da molto tempo nessuno accede allo spazio gratuito ${p.workspaceName}. Gli spazi gratuiti senza accessi per 50 giorni vengono eliminati con tutti i dati.`, `Accedi entro ${p.daysLeft} giorni per conservarlo. I piani a pagamento non vengono mai eliminati.`],
    action: { label: 'Accedi', url: p.link },
  }),
  recovery_filed: (p, f) => ({
    subject: `${p.requesterName} ha chiesto un nuovo amministratore per ${p.workspaceName}`,
    paragraphs: [
      `${p.requesterName} ha chiesto al team della piattaforma di nominare ${p.proposedName} amministratore di ${p.workspaceName}, dicendo che gli amministratori non rispondono più. Le sue parole: “${p.statement}”`,
      `Se è un errore, rifiuta la richiesta nella console entro il ${f.date(p.until)}. Dopo, decide il team della piattaforma, con una lettera firmata dal direttore dell’azienda.`,
    ],
    action: { label: 'Apri la console', url: p.link },
  }),
  recovery_refused: (p) => ({
    subject: `La richiesta di un nuovo amministratore per ${p.workspaceName} è stata rifiutata`,
    paragraphs: [`${p.adminName}, amministratore di ${p.workspaceName}, ha rifiutato la richiesta di nominare ${p.proposedName} amministratore. Rivolgiti a lui o a un altro amministratore per ciò che ti serve.`, ...(p.note ? [p.note] : [])],
    action: { label: 'Apri Gatehouse', url: p.link },
  }),
  creator_offered: (p) => ({
    subject: `${p.creatorName} ti offre il ruolo di creatore di ${p.workspaceName}`,
    paragraphs: [`${p.creatorName} ti offre il ruolo di creatore di ${p.workspaceName}: i diritti che nessun altro amministratore può togliere, come declassare gli amministratori disattivati. Diventa tuo quando lo accetti nella console.`],
    action: { label: 'Apri la console', url: p.link },
  }),
  recovery_decided: (p) => ({
    subject: p.approved ? `${p.workspaceName} ha un nuovo amministratore` : `Richiesta di amministratore per ${p.workspaceName} respinta`,
    paragraphs: [
      p.approved
        ? `Lo staff della piattaforma ha approvato la richiesta: ${p.newAdminName} è ora amministratore di ${p.workspaceName}.`
        : `Lo staff della piattaforma ha respinto la richiesta di nominare ${p.newAdminName} amministratore di ${p.workspaceName}.`,
      ...(p.note ? [p.note] : []),
    ],
    action: { label: 'Apri Gatehouse', url: p.link },
  }),
  signup_existing: (p) => ({
    subject: 'Qualcuno ha provato a creare un profilo con il tuo indirizzo',
    paragraphs: ['Qualcuno ha provato a registrarsi con questo indirizzo e-mail, che ha già un profilo Gatehouse. Se eri tu, accedi — oppure scegli una nuova password se l’hai dimenticata.', `Accedi: ${p.signInLink}`],
    action: { label: 'Scegli una nuova password', url: p.resetLink },
    footer: 'Se non eri tu, ignora questo messaggio: non è cambiato nulla.',
  }),
  password_reset: (p, f) => ({
    subject: 'Scegli una nuova password',
    paragraphs: ['Abbiamo ricevuto una richiesta di reimpostare la password del tuo profilo Gatehouse. Apri il link per sceglierne una nuova.'],
    action: { label: 'Scegli una nuova password', url: p.link },
    footer: `Il link vale una volta sola, fino al ${f.time(p.expiresAt)}. Se non l’hai chiesto tu, ignora questo messaggio: la password resta invariata.`,
  }),
  password_changed: (p, f) => ({
    subject: 'La tua password è stata cambiata',
    paragraphs: [`La password del tuo profilo Gatehouse è stata cambiata il ${f.time(p.when)}. Tutte le altre sessioni sono state chiuse.`, 'Se non sei stato tu, scegli subito una nuova password e controlla le tue sessioni.'],
    action: { label: 'Scegli una nuova password', url: p.resetLink },
  }),
  email_change_confirm: (p) => ({
    subject: 'Conferma la tua nuova e-mail di accesso',
    paragraphs: [`Conferma che d’ora in poi vuoi accedere a Gatehouse con ${p.newEmail}. Finché non confermi non cambia nulla.`],
    action: { label: 'Conferma la nuova e-mail', url: p.link },
    footer: 'Se non l’hai chiesto tu, ignora questo messaggio.',
  }),
  email_change_notice: (p) => ({
    subject: 'È stata richiesta una modifica della tua e-mail di accesso',
    paragraphs: [`Qualcuno collegato al tuo profilo Gatehouse ha chiesto di cambiare l’e-mail di accesso in ${p.newEmail}. Cambia solo dopo la conferma da quell’indirizzo.`, 'Se non sei stato tu, scegli subito una nuova password.'],
    action: { label: 'Scegli una nuova password', url: p.resetLink },
  }),
  new_device: (p, f) => ({
    subject: 'Nuovo accesso al tuo profilo',
    paragraphs: [`Al tuo profilo Gatehouse si è acceduto da un nuovo dispositivo: ${p.device}, indirizzo ${p.address}, il ${f.time(p.when)}.`, 'Se eri tu, non devi fare nulla. Altrimenti termina quella sessione e cambia la password.'],
    action: { label: 'Le mie sessioni', url: p.sessionsLink },
  }),
  two_factor_reset: (p, f) => ({
    subject: 'L’autenticazione a due fattori è stata disattivata per te',
    paragraphs: [
      p.until
        ? `Un amministratore di ${p.workspaceName} ha disattivato l’autenticazione a due fattori per i tuoi accessi a ${p.workspaceName} fino al ${f.time(p.until)}. Dopo verrà richiesta di nuovo.`
        : `Un amministratore di ${p.workspaceName} ha disattivato l’autenticazione a due fattori per i tuoi accessi a ${p.workspaceName}, finché non la configuri di nuovo.`,
      `Le tue sessioni in ${p.workspaceName} sono state chiuse. Ovunque altrove — il tuo profilo e gli altri spazi di lavoro — il secondo passaggio resta richiesto. Se non l’hai chiesto tu, avvisa gli amministratori dello spazio.`,
    ],
    action: { label: 'Impostazioni di sicurezza', url: p.link },
  }),
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
  registration: (p, f) => ({
    subject: `Il tuo account in ${p.workspaceName}`,
    paragraphs: [
      `${p.inviterName} ti ha registrato nello spazio ${p.workspaceName} su Gatehouse.`,
      `Accedi con la tua e-mail ${p.email} e questa password. Al primo accesso ne sceglierai una tua.`,
    ],
    code: p.password,
    footer: `Questa password vale per un solo accesso, fino al ${f.date(p.expiresAt)}. Dopo, scegline una con «Password dimenticata?».`,
    action: { label: 'Accedi', url: p.link },
  }),
  directory_added: (p) => ({
    subject: `Sei stato aggiunto a ${p.workspaceName}`,
    paragraphs: [
      `La directory della tua azienda ti ha aggiunto allo spazio di lavoro ${p.workspaceName} su Gatehouse.`,
      `Accedi con il tuo indirizzo ${p.email}. Se non hai ancora una password Gatehouse, scegline una con «Password dimenticata?» nella pagina di accesso.`,
    ],
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

/** Makes each of `links` (already escaped) that a paragraph mentions a link to itself. */
function linkOurLinks(html: string, links: string[]): string {
  if (!links.length) return html;
  // Longest first, in one pass: a link that begins another is never wrapped inside it.
  const pattern = new RegExp([...links].sort((a, b) => b.length - a.length).map((link) => link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return html.replace(pattern, (link) => `<a href="${link}">${link}</a>`);
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The message in the recipient's language, as plain text and as HTML (every value escaped). */
export function renderMail<K extends MailKind>(kind: K, locale: Locale, params: MailParams[K]): RenderedMail {
  const date = (value: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
  const time = (value: Date) => `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(value)} UTC`;
  const body = (CATALOGUES[locale][kind] as Writer<K>)(params, { date, time });
  // Only the product's own links become clickable; an address someone typed into a message stays text.
  const ourLinks = Object.entries(params as Record<string, unknown>)
    .filter(([name, value]) => /link$/i.test(name) && typeof value === 'string')
    .map(([, value]) => escapeHtml(value as string));
  const text = [
    ...body.paragraphs,
    ...(body.code ? [body.code] : []),
    ...(body.action ? [`${body.action.label}: ${body.action.url}`] : []),
    ...(body.footer ? [body.footer] : []),
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5;max-width:560px">',
    ...body.paragraphs.map((paragraph) => `<p>${linkOurLinks(escapeHtml(paragraph), ourLinks)}</p>`),
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

import type { Locale } from './locale.ts';
import { RECOVERY_LETTER_MAX_BYTES } from './lifecycle.ts';

/** Why one input field was refused, independent of the validation library. */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'too_short'; minimum: number }
  | { kind: 'too_long'; maximum: number }
  | { kind: 'number_min'; minimum: number }
  | { kind: 'number_max'; maximum: number }
  | { kind: 'too_few'; minimum: number }
  | { kind: 'too_many'; maximum: number }
  | { kind: 'range' }
  | { kind: 'range_too_long' }
  | { kind: 'past' }
  | { kind: 'file_too_big' }
  | { kind: 'file_type' }
  | { kind: 'email' }
  | { kind: 'slug' }
  | { kind: 'slug_reserved' }
  | { kind: 'password_mismatch' }
  | { kind: 'password_common' }
  | { kind: 'password_context' }
  | { kind: 'characters' }
  | { kind: 'url' }
  | { kind: 'not_https' }
  | { kind: 'locks_you_out' }
  | { kind: 'domain' }
  | { kind: 'duplicate' }
  | { kind: 'saml_metadata' }
  | { kind: 'certificate' }
  | { kind: 'unreachable' }
  | { kind: 'sso_connection_missing' }
  | { kind: 'invalid' };

type Describe = (problem: FieldProblem) => string;

/** The largest file a form takes (the recovery letter), as people count it. */
const megabytes = Math.round(RECOVERY_LETTER_MAX_BYTES / (1024 * 1024));

const describers: Record<Locale, Describe> = {
  en: (p) => {
    switch (p.kind) {
      case 'required': return 'This field is required.';
      case 'too_short': return `Use at least ${p.minimum} characters.`;
      case 'too_long': return `Use at most ${p.maximum} characters.`;
      case 'email': return 'Enter a valid email address.';
      case 'slug': return 'Use lower-case letters, digits and single hyphens, starting and ending with a letter or digit.';
      case 'slug_reserved': return 'This address is reserved: choose another one.';
      case 'password_mismatch': return 'The two passwords do not match.';
      case 'password_common': return 'This password is among the most common or breached ones: attackers try it first. Choose a phrase of your own.';
      case 'password_context': return "This password is built on your email address, the workspace's name or the product's name. Choose something unrelated.";
      case 'characters': return 'Remove control characters and invisible or text-direction marks.';
      case 'number_min': return `Enter a number of at least ${p.minimum}.`;
      case 'number_max': return `Enter a number of at most ${p.maximum}.`;
      case 'too_few': return `Give at least ${p.minimum}.`;
      case 'too_many': return `Give at most ${p.maximum} at a time.`;
      case 'range': return 'The end comes before the start.';
      case 'range_too_long': return 'Choose at most five years at a time.';
      case 'past': return 'Choose a date in the future.';
      case 'file_too_big': return `This file is larger than ${megabytes} MB.`;
      case 'file_type': return 'Attach a PDF, PNG or JPEG file.';
      case 'url': return 'Enter a full address, such as https://app.example.com/callback (no fragment, no wildcard).';
      case 'not_https': return 'Use an https address; plain http only to localhost.';
      case 'locks_you_out': return 'You could no longer sign in yourself: allow a way in you have (a password, a passkey, or a linked account).';
      case 'domain': return 'Enter an email domain, such as example.com.';
      case 'duplicate': return 'This is in the list already.';
      case 'saml_metadata': return 'This is not one directory’s SAML metadata with an entity ID, a sign-in URL (HTTP-Redirect) and a signing certificate.';
      case 'certificate': return 'This is not an X.509 certificate (PEM, or its base64 body).';
      case 'unreachable': return 'This address did not answer; check it and that the directory is reachable from the internet.';
      case 'sso_connection_missing': return 'Connect your company’s directory first (Directory, single sign-on) and switch it on: until then nobody could sign in.';
      case 'invalid': return 'This value is not valid.';
    }
  },
  fr: (p) => {
    switch (p.kind) {
      case 'required': return 'Ce champ est obligatoire.';
      case 'too_short': return `Utilisez au moins ${p.minimum} caractères.`;
      case 'too_long': return `Utilisez au plus ${p.maximum} caractères.`;
      case 'email': return 'Saisissez une adresse e-mail valide.';
      case 'slug': return 'Utilisez des minuscules, des chiffres et des tirets simples, en commençant et finissant par une lettre ou un chiffre.';
      case 'slug_reserved': return 'Cette adresse est réservée : choisissez-en une autre.';
      case 'password_mismatch': return 'Les deux mots de passe ne correspondent pas.';
      case 'password_common': return 'Ce mot de passe fait partie des plus courants ou des plus divulgués : les attaquants l’essaient en premier. Choisissez une phrase bien à vous.';
      case 'password_context': return 'Ce mot de passe reprend votre adresse e-mail, le nom de l’espace ou le nom du produit. Choisissez autre chose.';
      case 'characters': return 'Retirez les caractères de contrôle et les marques invisibles ou de sens d’écriture.';
      case 'number_min': return `Saisissez un nombre d’au moins ${p.minimum}.`;
      case 'number_max': return `Saisissez un nombre d’au plus ${p.maximum}.`;
      case 'too_few': return `Indiquez-en au moins ${p.minimum}.`;
      case 'too_many': return `Indiquez-en au plus ${p.maximum} à la fois.`;
      case 'range': return 'La fin précède le début.';
      case 'range_too_long': return 'Choisissez au plus cinq ans à la fois.';
      case 'past': return 'Choisissez une date dans le futur.';
      case 'file_too_big': return `Ce fichier dépasse ${megabytes} Mo.`;
      case 'file_type': return 'Joignez un fichier PDF, PNG ou JPEG.';
      case 'url': return 'Saisissez une adresse complète, par exemple https://app.example.com/callback (sans fragment ni joker).';
      case 'not_https': return 'Utilisez une adresse https ; http seulement vers localhost.';
      case 'locks_you_out': return 'Vous ne pourriez plus vous connecter vous-même : autorisez un mode de connexion que vous avez (mot de passe, clé d’accès ou compte lié).';
      case 'domain': return 'Saisissez un domaine de messagerie, par exemple example.com.';
      case 'duplicate': return 'Cette valeur figure déjà dans la liste.';
      case 'saml_metadata': return 'Ce ne sont pas les métadonnées SAML d’un annuaire avec un identifiant d’entité, une URL de connexion (HTTP-Redirect) et un certificat de signature.';
      case 'certificate': return 'Ce n’est pas un certificat X.509 (PEM, ou son contenu en base64).';
      case 'unreachable': return 'Cette adresse n’a pas répondu ; vérifiez-la et que l’annuaire est joignable depuis Internet.';
      case 'sso_connection_missing': return 'Connectez d’abord l’annuaire de votre entreprise (Annuaire, authentification unique) et activez-le : sinon personne ne pourrait se connecter.';
      case 'invalid': return 'Cette valeur n’est pas valide.';
    }
  },
  de: (p) => {
    switch (p.kind) {
      case 'required': return 'Dieses Feld ist erforderlich.';
      case 'too_short': return `Verwenden Sie mindestens ${p.minimum} Zeichen.`;
      case 'too_long': return `Verwenden Sie höchstens ${p.maximum} Zeichen.`;
      case 'email': return 'Geben Sie eine gültige E-Mail-Adresse ein.';
      case 'slug': return 'Verwenden Sie Kleinbuchstaben, Ziffern und einzelne Bindestriche, am Anfang und Ende ein Buchstabe oder eine Ziffer.';
      case 'slug_reserved': return 'Diese Adresse ist reserviert: Wählen Sie eine andere.';
      case 'password_mismatch': return 'Die beiden Passwörter stimmen nicht überein.';
      case 'password_common': return 'Dieses Passwort gehört zu den häufigsten oder bereits geleakten: Angreifer probieren es zuerst. Wählen Sie einen eigenen Satz.';
      case 'password_context': return 'Dieses Passwort beruht auf Ihrer E-Mail-Adresse, dem Namen des Arbeitsbereichs oder dem Produktnamen. Wählen Sie etwas anderes.';
      case 'characters': return 'Entfernen Sie Steuerzeichen sowie unsichtbare Zeichen und Schreibrichtungszeichen.';
      case 'number_min': return `Geben Sie eine Zahl von mindestens ${p.minimum} ein.`;
      case 'number_max': return `Geben Sie eine Zahl von höchstens ${p.maximum} ein.`;
      case 'too_few': return `Geben Sie mindestens ${p.minimum} an.`;
      case 'too_many': return `Geben Sie höchstens ${p.maximum} auf einmal an.`;
      case 'range': return 'Das Ende liegt vor dem Anfang.';
      case 'range_too_long': return 'Wählen Sie höchstens fünf Jahre auf einmal.';
      case 'past': return 'Wählen Sie ein Datum in der Zukunft.';
      case 'file_too_big': return `Diese Datei ist größer als ${megabytes} MB.`;
      case 'file_type': return 'Hängen Sie eine PDF-, PNG- oder JPEG-Datei an.';
      case 'url': return 'Geben Sie eine vollständige Adresse ein, etwa https://app.example.com/callback (ohne Fragment, ohne Platzhalter).';
      case 'not_https': return 'Verwenden Sie eine https-Adresse; http nur zu localhost.';
      case 'locks_you_out': return 'Sie könnten sich selbst nicht mehr anmelden: Erlauben Sie eine Anmeldeart, die Sie haben (Passwort, Passkey oder verknüpftes Konto).';
      case 'domain': return 'Geben Sie eine E-Mail-Domain ein, zum Beispiel example.com.';
      case 'duplicate': return 'Dieser Wert steht schon in der Liste.';
      case 'saml_metadata': return 'Das sind keine SAML-Metadaten eines Verzeichnisses mit Entity-ID, Anmelde-URL (HTTP-Redirect) und Signaturzertifikat.';
      case 'certificate': return 'Das ist kein X.509-Zertifikat (PEM oder sein Base64-Inhalt).';
      case 'unreachable': return 'Diese Adresse hat nicht geantwortet; prüfen Sie sie und ob das Verzeichnis aus dem Internet erreichbar ist.';
      case 'sso_connection_missing': return 'Verbinden Sie zuerst das Verzeichnis Ihres Unternehmens (Verzeichnis, Single Sign-on) und schalten Sie es ein: sonst könnte sich niemand anmelden.';
      case 'invalid': return 'Dieser Wert ist ungültig.';
    }
  },
  it: (p) => {
    switch (p.kind) {
      case 'required': return 'Questo campo è obbligatorio.';
      case 'too_short': return `Usa almeno ${p.minimum} caratteri.`;
      case 'too_long': return `Usa al massimo ${p.maximum} caratteri.`;
      case 'email': return 'Inserisci un indirizzo e-mail valido.';
      case 'slug': return 'Usa lettere minuscole, cifre e trattini singoli, iniziando e finendo con una lettera o una cifra.';
      case 'slug_reserved': return 'Questo indirizzo è riservato: scegline un altro.';
      case 'password_mismatch': return 'Le due password non coincidono.';
      case 'password_common': return 'Questa password è tra le più comuni o già trapelate: gli attaccanti la provano per prima. Scegli una frase tutta tua.';
      case 'password_context': return 'Questa password si basa sul tuo indirizzo e-mail, sul nome dello spazio di lavoro o sul nome del prodotto. Scegli qualcos’altro.';
      case 'characters': return 'Rimuovi i caratteri di controllo e i segni invisibili o di direzione del testo.';
      case 'number_min': return `Inserisci un numero di almeno ${p.minimum}.`;
      case 'number_max': return `Inserisci un numero di al massimo ${p.maximum}.`;
      case 'too_few': return `Indicane almeno ${p.minimum}.`;
      case 'too_many': return `Indicane al massimo ${p.maximum} alla volta.`;
      case 'range': return 'La fine viene prima dell’inizio.';
      case 'range_too_long': return 'Scegli al massimo cinque anni alla volta.';
      case 'past': return 'Scegli una data futura.';
      case 'file_too_big': return `Questo file supera i ${megabytes} MB.`;
      case 'file_type': return 'Allega un file PDF, PNG o JPEG.';
      case 'url': return 'Inserisci un indirizzo completo, per esempio https://app.example.com/callback (senza frammento né caratteri jolly).';
      case 'not_https': return 'Usa un indirizzo https; http solo verso localhost.';
      case 'locks_you_out': return 'Non potresti più accedere tu stesso: consenti un modo di accesso che hai (password, passkey o account collegato).';
      case 'domain': return 'Inserisci un dominio email, per esempio example.com.';
      case 'duplicate': return 'Questo valore è già nell’elenco.';
      case 'saml_metadata': return 'Questi non sono i metadati SAML di una directory con un ID entità, un URL di accesso (HTTP-Redirect) e un certificato di firma.';
      case 'certificate': return 'Questo non è un certificato X.509 (PEM, o il suo contenuto base64).';
      case 'unreachable': return 'Questo indirizzo non ha risposto; controllalo e verifica che la directory sia raggiungibile da Internet.';
      case 'sso_connection_missing': return 'Collega prima la directory della tua azienda (Directory, single sign-on) e attivala: altrimenti nessuno potrebbe accedere.';
      case 'invalid': return 'Questo valore non è valido.';
    }
  },
};

export function describeFieldProblem(problem: FieldProblem, locale: Locale): string {
  return describers[locale](problem);
}

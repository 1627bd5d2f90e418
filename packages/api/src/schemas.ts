import { z } from 'zod';
import {
  SECURITY_POLICY_LIMITS,
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_URL_MAX_LENGTH,
  SSO_ROLE_MAPPINGS_MAX,
  SSO_VALUE_MAX_LENGTH,
  SSO_KINDS,
  SAML_CERTIFICATE_MAX_LENGTH,
  SAML_CERTIFICATES_MAX,
  SAML_METADATA_MAX_LENGTH,
  TWO_FACTOR_REQUIREMENTS,
  type WayIn,
  APP_CODES,
  APP_KINDS,
  API_KEY_ROLES,
  PASSKEY_NAME_MAX_LENGTH,
  APP_MAX_URIS,
  APP_URI_MAX_LENGTH,
  appUriProblem,
  AUDIT_ACTION_GROUPS,
  AUDIT_EXPORT_FORMATS,
  AUDIT_RETENTION_CHOICES,
  AUDIT_ACTIONS,
  checkSlug,
  EMAIL_MAX_LENGTH,
  hasForbiddenCharacters,
  isPlausibleEmail,
  LOCALES,
  MEMBER_ROLES,
  PLAN_IDS,
  type PlanId,
  MEMBER_STATUSES,
  normalizeEmail,
  passwordLength,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SESSION_CLIENTS,
  SLUG_MAX_LENGTH,
  DOMAIN_JOIN_MODES,
  DOMAIN_MAX_LENGTH,
} from '@gatehouse/domain';

/** Every input of the API: strict objects, bounded strings and arrays, emails in their one stored form. */

const characters = { error: 'characters', params: { problem: 'characters' } } as const;

/**
 * Text a person typed, trimmed and bounded, without controls or invisible
 * marks: one line (a name, a position, a search) or, `multiline`, several (a
 * message, a statement: line breaks and tabs allowed).
 */
function Text(options: { min?: number; max: number; multiline?: boolean }) {
  return z
    .string()
    .trim()
    .min(options.min ?? 0)
    .max(options.max)
    .refine((value) => !hasForbiddenCharacters(value, { multiline: options.multiline ?? false }), characters);
}

export const Line = (options: { min?: number; max: number }) => Text(options);
export const Paragraphs = (options: { min?: number; max: number }) => Text({ ...options, multiline: true });

/** An opaque value from the product itself (a token, a cursor, an id of ours): never a NUL or control character. */
const Opaque = (max: number) => z.string().max(max).refine((value) => !hasForbiddenCharacters(value), characters);

export const Email = z
  .string()
  .max(EMAIL_MAX_LENGTH + 20)
  .refine((value) => !hasForbiddenCharacters(value.trim()), { error: 'email', params: { problem: 'email' } })
  .transform(normalizeEmail)
  .refine(isPlausibleEmail, { error: 'email', params: { problem: 'email' } });

/** A password being chosen: NIST SP 800-63B-4 lengths, counted in code points. */
export const NewPassword = z
  .string()
  .max(PASSWORD_MAX_LENGTH * 4)
  .superRefine((value, context) => {
    const length = passwordLength(value);
    if (length < PASSWORD_MIN_LENGTH) context.addIssue({ code: 'too_small', origin: 'string', minimum: PASSWORD_MIN_LENGTH, inclusive: true, input: value });
    else if (length > PASSWORD_MAX_LENGTH) context.addIssue({ code: 'too_big', origin: 'string', maximum: PASSWORD_MAX_LENGTH, inclusive: true, input: value });
  });

/** A password being checked: no policy (old passwords stay valid), only a bound on size. */
export const CurrentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);

/** A sensitive action confirmed again: the password, or a code from the authenticator (or a recovery code). */
export const SecondFactorCode = z.string().trim().min(6).max(32);
/** A confirmation sent with a sensitive action: the password, a code, or a passkey (its schema is further down, hence lazy). */
const ProofFields = { password: CurrentPassword.optional(), code: SecondFactorCode.optional(), passkey: z.lazy(() => PasskeyProof).optional() };

export const PersonName = Line({ min: 1, max: 200 });
export const WorkspaceName = Line({ min: 1, max: 120 });
export const Locale = z.enum(LOCALES);

export const WorkspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(SLUG_MAX_LENGTH)
  .superRefine((value, context) => {
    const problem = checkSlug(value);
    if (problem === 'length') context.addIssue({ code: 'custom', message: 'length', params: { problem: 'slug' }, input: value });
    else if (problem === 'characters') context.addIssue({ code: 'custom', message: 'characters', params: { problem: 'slug' }, input: value });
    else if (problem === 'reserved') context.addIssue({ code: 'custom', message: 'reserved', params: { problem: 'slug_reserved' }, input: value });
  });

export const Id = z.uuid();
export const Cursor = Opaque(1024);
export const PageLimit = z.number().int().min(1).max(100).default(25);

export const SignUpInput = z.strictObject({ email: Email, password: NewPassword, name: PersonName, locale: Locale.optional() });
export type SignUpInput = z.input<typeof SignUpInput>;

export const SignInInput = z.strictObject({
  // Not checked as an address (an old login keeps working), but never a character PostgreSQL refuses.
  email: Opaque(EMAIL_MAX_LENGTH + 20).transform(normalizeEmail),
  password: CurrentPassword,
  workspace: WorkspaceSlug.optional(),
  client: z.enum(SESSION_CLIENTS).default('browser'),
  /** An admin's password sign-in where their domain requires single sign-on (audited, mailed to the other admins). */
  breakGlass: z.boolean().default(false),
});
export type SignInInput = z.input<typeof SignInInput>;

export const RevokeSessionInput = z.strictObject({ id: Opaque(64).pipe(z.string().min(1)), ...ProofFields });

export const UpdateProfileInput = z.strictObject({ name: PersonName.optional(), locale: Locale.optional() });

export const CreateWorkspaceInput = z.strictObject({ name: WorkspaceName, slug: WorkspaceSlug });
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceInput>;

export const WorkspaceInput = z.strictObject({ workspace: WorkspaceSlug });

export const ListMembersInput = z.strictObject({
  workspace: WorkspaceSlug,
  status: z.enum(MEMBER_STATUSES).optional(),
  search: Line({ max: 100 }).optional(),
  cursor: Cursor.optional(),
  limit: PageLimit,
});
export type ListMembersInput = z.input<typeof ListMembersInput>;

export const MemberInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id });
/** A sensitive action on a member: the confirmation is needed only when the sign-in is not recent. */
export const SensitiveMemberInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id, ...ProofFields });

const Position = Line({ max: 200 });
const OptionalEmail = z.union([Email, z.literal('').transform(() => null), z.null()]);
const PasswordPair = { password: NewPassword, passwordConfirm: z.string().max(PASSWORD_MAX_LENGTH * 4) };
/** The two typed passwords must match; the error lands on the confirmation field. */
function confirmed<T extends { password?: string | undefined; passwordConfirm?: string | undefined }>(value: T, context: z.RefinementCtx): void {
  if (value.password !== undefined && value.password !== value.passwordConfirm) {
    context.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'mismatch', params: { problem: 'password_mismatch' }, input: value.passwordConfirm });
  }
}
export const Token = Opaque(200).pipe(z.string().trim().min(1));
export const MemberRoleInput = z.enum(MEMBER_ROLES);

export const ChangePasswordInput = z.strictObject({ currentPassword: CurrentPassword, ...PasswordPair }).superRefine(confirmed);
export const VerifyEmailInput = z.strictObject({ token: Token });

export const UpdateSettingsInput = z.strictObject({
  workspace: WorkspaceSlug,
  name: WorkspaceName.optional(),
  slug: WorkspaceSlug.optional(),
  anyoneCanInvite: z.boolean().optional(),
  /** Minutes of browser inactivity before sign-out; null restores the default. */
  sessionIdleMinutes: z.number().int().min(5).max(480).nullable().optional(),
  /** Days the audit trail is kept (one of the offered choices); null restores the plan's default. */
  auditRetentionDays: z
    .number()
    .int()
    .refine((days) => (AUDIT_RETENTION_CHOICES as readonly number[]).includes(days))
    .nullable()
    .optional(),
  /** Keeping the trail for less time erases events: confirmed like any sensitive action. */
  ...ProofFields,
});

export const ListMembersFilter = ListMembersInput.extend({ role: MemberRoleInput.optional() });
export const UpdateMemberInput = z.strictObject({
  workspace: WorkspaceSlug,
  memberId: Id,
  position: Position.nullable().optional(),
  contactEmail: OptionalEmail.optional(),
  mailboxEmail: OptionalEmail.optional(),
});
export const SetRoleInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id, role: MemberRoleInput, ...ProofFields });
export const RehireInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id, role: MemberRoleInput.optional() });

export const SendInvitationsInput = z.strictObject({
  workspace: WorkspaceSlug,
  /** Raw addresses (a pasted list or a CSV's column); each gets its own result. */
  emails: z.array(z.string().max(EMAIL_MAX_LENGTH + 20)).min(1).max(100),
  message: Paragraphs({ max: 2000 }).optional(),
  role: MemberRoleInput.default('employee'),
});
export const RegisterMemberInput = z.strictObject({ workspace: WorkspaceSlug, name: PersonName, email: Email, position: Position.optional() });
export const InvitationTokenInput = z.strictObject({ token: Token });
export const AcceptInvitationInput = z
  .strictObject({
    token: Token,
    name: PersonName.optional(),
    password: NewPassword.optional(),
    passwordConfirm: z.string().max(PASSWORD_MAX_LENGTH * 4).optional(),
    /** The code mailed to the invited address (invitations.sendCode), when the signed-in login is another address. */
    mailboxCode: z.string().trim().regex(/^\d{6}$/).optional(),
  })
  .superRefine(confirmed);

export const UpdateJoinLinkInput = z.strictObject({
  workspace: WorkspaceSlug,
  enabled: z.boolean().optional(),
  requiresApproval: z.boolean().optional(),
  allowedDomains: z.array(z.string().trim().toLowerCase().min(3).max(253).regex(/^@?[a-z0-9.-]+\.[a-z]{2,}$/)).max(50).optional(),
  role: z.enum(['employee', 'extranet']).optional(),
  /** A new end for the link: in the future (an end already past would switch the link off unnoticed). */
  expiresAt: z.iso
    .datetime()
    .refine((value) => Date.parse(value) > Date.now(), { error: 'past', params: { problem: 'past' } })
    .nullable()
    .optional(),
});
export const JoinInput = z
  .strictObject({ token: Token, email: Email.optional(), name: PersonName.optional(), password: NewPassword.optional(), passwordConfirm: z.string().max(PASSWORD_MAX_LENGTH * 4).optional() })
  .superRefine(confirmed);

export const TasksInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id.optional() });
export const DeleteTaskInput = z.strictObject({ workspace: WorkspaceSlug, taskId: Id });
const Moment = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export const AuditListInput = z
  .strictObject({
    workspace: WorkspaceSlug,
    cursor: Cursor.optional(),
    limit: PageLimit,
    /** Part of the actor's name or login email. */
    actor: Line({ min: 1, max: 100 }).optional(),
    /** One action, or a kind of action (the part before the dot). */
    action: z.enum([...AUDIT_ACTIONS, ...AUDIT_ACTION_GROUPS]).optional(),
    from: Moment.optional(),
    to: Moment.optional(),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { error: 'range', params: { problem: 'range' }, path: ['to'] });

export const RequestPasswordResetInput = z.strictObject({ email: Email });
export const ResetPasswordInput = z.strictObject({ token: Token, ...PasswordPair }).superRefine(confirmed);
export const RequestEmailChangeInput = z.strictObject({ newEmail: Email, ...ProofFields });
export const TwoFactorCodeInput = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export const DisableTwoFactorInput = z.strictObject({ password: CurrentPassword, code: SecondFactorCode });
export const PasswordInput = z.strictObject({ password: CurrentPassword });
export const ResetMemberTwoFactorInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id, until: z.iso.datetime().nullable().optional(), ...ProofFields });
/** Leaving Gatehouse: every factor the profile has (the password, and the code when two-step verification is on), or a passkey. */
export const DeleteProfileInput = z.strictObject(ProofFields);
export const SecurityEventsInput = z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }).optional();
export const IdentityIdInput = z.strictObject({ id: Id });
export const ErrorMessageInput = z.strictObject({ appCode: z.enum(APP_CODES) });

export const PlatformWorkspacesInput = z.strictObject({ search: Line({ max: 100 }).optional(), cursor: Cursor.optional(), limit: PageLimit });
export const SetPlanInput = z.strictObject({ workspace: WorkspaceSlug, plan: z.enum(PLAN_IDS as [PlanId, ...PlanId[]]) });
export const OfferCreatorInput = z.strictObject({ workspace: WorkspaceSlug, memberId: Id.nullable(), ...ProofFields });
/** The letter travels base64-encoded; its type is checked from its bytes, not from what the browser says. */
export const FileRecoveryInput = z.strictObject({
  workspace: WorkspaceSlug,
  formerAdminName: Line({ min: 1, max: 200 }),
  formerAdminLogin: Line({ min: 1, max: 254 }),
  proposedMemberId: Id,
  statement: Paragraphs({ min: 20, max: 5000 }),
  letter: z.strictObject({ name: Line({ min: 1, max: 200 }), base64: z.string().min(8).max(7_000_000) }),
});
export const RecoveryRequestsInput = z.strictObject({ status: z.enum(['pending', 'approved', 'rejected', 'refused']).optional() }).optional();
export const RefuseRecoveryInput = z.strictObject({ workspace: WorkspaceSlug, id: Id, note: Paragraphs({ max: 1000 }).optional() });
export const ReviewRecoveryInput = z.strictObject({ id: Id, approve: z.boolean(), note: Paragraphs({ max: 1000 }).optional() });

/** An app's id as Gatehouse makes it (its OAuth `client_id`). */
export const AppId = z.string().regex(/^app_[a-z0-9]{20}$/);

/** Redirect and logout addresses, one per entry; what each may be depends on the app's kind, checked by the use case. */
const AppUris = z.array(z.string().trim().min(1).max(APP_URI_MAX_LENGTH)).max(APP_MAX_URIS);

const AppFields = {
  name: Line({ min: 1, max: 120 }),
  logoUrl: z.union([z.string().trim().max(APP_URI_MAX_LENGTH).refine((value) => appUriProblem(value, 'web') === null && value.startsWith('https://'), { error: 'not_https', params: { problem: 'not_https' } }), z.literal('').transform(() => null), z.null()]),
  redirectUris: AppUris,
  postLogoutRedirectUris: AppUris,
  backchannelLogoutUri: z.union([z.string().trim().max(APP_URI_MAX_LENGTH), z.literal('').transform(() => null), z.null()]),
  allowedRoles: z.array(MemberRoleInput).min(1).max(MEMBER_ROLES.length),
  skipConsent: z.boolean(),
};

export const CreateAppInput = z
  .strictObject({
    workspace: WorkspaceSlug,
    kind: z.enum(APP_KINDS),
    ...AppFields,
    logoUrl: AppFields.logoUrl.optional(),
    postLogoutRedirectUris: AppUris.default([]),
    backchannelLogoutUri: AppFields.backchannelLogoutUri.optional(),
    allowedRoles: AppFields.allowedRoles.default([...MEMBER_ROLES]),
    skipConsent: z.boolean().default(false),
  });
export type CreateAppInput = z.input<typeof CreateAppInput>;

export const UpdateAppInput = z
  .strictObject({
    workspace: WorkspaceSlug,
    appId: AppId,
    name: AppFields.name.optional(),
    logoUrl: AppFields.logoUrl.optional(),
    redirectUris: AppUris.optional(),
    postLogoutRedirectUris: AppUris.optional(),
    backchannelLogoutUri: AppFields.backchannelLogoutUri.optional(),
    allowedRoles: AppFields.allowedRoles.optional(),
    skipConsent: z.boolean().optional(),
    disabled: z.boolean().optional(),
  });

export const AppInput = z.strictObject({ workspace: WorkspaceSlug, appId: AppId });

/** How long the replaced secret keeps working, so the app can be redeployed with the new one: none to a week. */
export const RotateAppSecretInput = z.strictObject({ workspace: WorkspaceSlug, appId: AppId, overlapHours: z.number().int().min(0).max(168).default(24) });

export const CreateApiKeyInput = z.strictObject({
  workspace: WorkspaceSlug,
  ...ProofFields,
  name: Line({ min: 1, max: 80 }),
  role: z.enum(API_KEY_ROLES),
  /** When the key stops working; none for a key that lasts until revoked. */
  expiresAt: z.iso
    .datetime()
    .refine((value) => Date.parse(value) > Date.now(), { error: 'past', params: { problem: 'past' } })
    .nullable()
    .optional(),
});
export const ApiKeyInput = z.strictObject({ workspace: WorkspaceSlug, apiKeyId: Id });

/** A token for the company's directory to provision people over SCIM. */
export const CreateScimTokenInput = z.strictObject({ workspace: WorkspaceSlug, ...ProofFields, name: Line({ min: 1, max: 80 }) });
export const ScimTokenInput = z.strictObject({ workspace: WorkspaceSlug, scimTokenId: Id });
/** A directory group mapped to a workspace role, or unmapped (null): its members' roles follow. */
export const MapDirectoryGroupInput = z.strictObject({ workspace: WorkspaceSlug, groupId: Id, role: MemberRoleInput.nullable() });

/** A connection to the company's directory, as an admin fills it in: what each field may be is the use case's to check. */
const SsoValue = Line({ min: 1, max: SSO_VALUE_MAX_LENGTH });
const SsoAttribute = z.union([Line({ min: 1, max: 200 }), z.literal('').transform(() => null), z.null()]);
const SsoConnectionFields = {
  name: Line({ min: 1, max: 80 }),
  enabled: z.boolean().default(true),
  defaultRole: MemberRoleInput.default('employee'),
  emailAttribute: SsoAttribute.default(null),
  nameAttribute: SsoAttribute.default(null),
  roleAttribute: SsoAttribute.default(null),
  roleMappings: z.array(z.strictObject({ value: Line({ min: 1, max: 200 }), role: MemberRoleInput })).max(SSO_ROLE_MAPPINGS_MAX).default([]),
  /** For an OpenID Connect connection; on update, a client secret left out stays as it was. */
  oidc: z.strictObject({ issuer: SsoValue, clientId: SsoValue, clientSecret: Line({ min: 1, max: SSO_VALUE_MAX_LENGTH }).optional() }).nullable().default(null),
  /** For a SAML connection: the directory's values, typed or read from its metadata (sso.readMetadata). */
  saml: z
    .strictObject({
      entityId: SsoValue,
      ssoUrl: SsoValue,
      certificates: z.array(z.string().min(1).max(SAML_CERTIFICATE_MAX_LENGTH)).min(1).max(SAML_CERTIFICATES_MAX),
      allowIdpInitiated: z.boolean().default(false),
    })
    .nullable()
    .default(null),
};
/** Who signs in through a directory is a sensitive change: an admin who signed in a while ago confirms it is them. */
export const CreateSsoConnectionInput = z.strictObject({ workspace: WorkspaceSlug, kind: z.enum(SSO_KINDS), ...ProofFields, ...SsoConnectionFields });
/** A SAML directory's metadata, pasted or at its URL. */
export const ReadSamlMetadataInput = z.strictObject({
  workspace: WorkspaceSlug,
  source: z.union([z.strictObject({ xml: z.string().min(1).max(SAML_METADATA_MAX_LENGTH) }), z.strictObject({ url: SsoValue })]),
});
export const UpdateSsoConnectionInput = z.strictObject({ workspace: WorkspaceSlug, connectionId: Id, ...ProofFields, ...SsoConnectionFields });
export const SsoConnectionInput = z.strictObject({ workspace: WorkspaceSlug, connectionId: Id });
/** Which directory an address (or a workspace's link) signs in through. */
export const SsoDiscoverInput = z.strictObject({ email: Email.optional(), workspace: WorkspaceSlug.optional() });

/** A domain as an admin types it (or an address at it); the domain rules say whether it is one. */
export const AddDomainInput = z.strictObject({ workspace: WorkspaceSlug, domain: Line({ min: 1, max: DOMAIN_MAX_LENGTH + 1 }) });
export const DomainInput = z.strictObject({ workspace: WorkspaceSlug, domainId: Id });
export const UpdateDomainInput = z.strictObject({ workspace: WorkspaceSlug, domainId: Id, joinMode: z.enum(DOMAIN_JOIN_MODES) });
/** Staff take a verified domain back from its workspace, saying why (the holder's admins read it). */
export const ReleaseDomainInput = z.strictObject({ domain: Line({ min: 1, max: DOMAIN_MAX_LENGTH + 1 }), reason: Line({ min: 3, max: 500 }) });

/** A WebAuthn value as browsers send it: base64url, bounded. */
const B64Url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
const CeremonyId = Id;
/** What `@simplewebauthn/browser` answers to a ceremony, checked for shape and size; the library verifies the rest. */
const WebAuthnCommon = {
  id: B64Url(1024),
  rawId: B64Url(1024),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  // The extensions a browser may report; others are dropped.
  clientExtensionResults: z.object({ appid: z.boolean().optional(), credProps: z.object({ rk: z.boolean().optional() }).optional(), hmacCreateSecret: z.boolean().optional() }).default({}),
};
export const PasskeyRegistrationResponse = z.strictObject({
  ...WebAuthnCommon,
  // Fields the library does not read are dropped.
  response: z.object({
    clientDataJSON: B64Url(8192),
    attestationObject: B64Url(16384),
    authenticatorData: B64Url(8192).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: B64Url(4096).optional(),
  }),
});
export const PasskeyAssertion = z.strictObject({
  ...WebAuthnCommon,
  response: z.object({
    clientDataJSON: B64Url(8192),
    authenticatorData: B64Url(8192),
    signature: B64Url(8192),
    userHandle: B64Url(512).optional(),
  }),
});
/** A passkey's answer to a confirmation ceremony (the second step, or proof before a sensitive action). */
export const PasskeyProof = z.strictObject({ ceremonyId: CeremonyId, response: PasskeyAssertion });
export const VerifyTwoFactorInput = z
  .strictObject({ challengeId: Id, code: z.string().trim().regex(/^\d{6}$/).optional(), recoveryCode: z.string().trim().min(8).max(32).optional(), passkey: PasskeyProof.optional() })
  .refine((value) => [value.code, value.recoveryCode, value.passkey].filter(Boolean).length === 1, { error: 'code', params: { problem: 'required' }, path: ['code'] });
export const SecondStepPasskeyOptionsInput = z.strictObject({ challengeId: Id }).optional();
export const PasskeyName = Line({ min: 1, max: PASSKEY_NAME_MAX_LENGTH });
export const RegisterPasskeyInput = z.strictObject({ ceremonyId: CeremonyId, response: PasskeyRegistrationResponse, name: PasskeyName.optional() });
export const RenamePasskeyInput = z.strictObject({ passkeyId: Id, name: PasskeyName });
export const PasskeyInput = z.strictObject({ passkeyId: Id });
export const SignInWithPasskeyInput = z.strictObject({
  ceremonyId: CeremonyId,
  response: PasskeyAssertion,
  workspace: WorkspaceSlug.optional(),
  client: z.enum(SESSION_CLIENTS).default('browser'),
});

const WayInInput = z.union([z.literal('password'), z.literal('passkey'), z.string().regex(/^social:[a-z0-9-]{1,40}$/)]) as z.ZodType<WayIn>;
const WaysInOfGroup = z.array(WayInInput).min(1).max(SECURITY_POLICY_LIMITS.waysInPerGroup).nullable();
export const UpdateSecurityPolicyInput = z.strictObject({
  workspace: WorkspaceSlug,
  twoFactorRequiredFor: z.enum(TWO_FACTOR_REQUIREMENTS).optional(),
  twoFactorGraceDays: z.number().int().min(SECURITY_POLICY_LIMITS.twoFactorGraceDays.min).max(SECURITY_POLICY_LIMITS.twoFactorGraceDays.max).optional(),
  /** Per group, the ways in allowed; null allows every way the deployment offers. */
  allowedWaysIn: z.strictObject({ admins: WaysInOfGroup, members: WaysInOfGroup }).optional(),
  sessionMaxHours: z.number().int().min(SECURITY_POLICY_LIMITS.sessionMaxHours.min).max(SECURITY_POLICY_LIMITS.sessionMaxHours.max).nullable().optional(),
  recentSignInMinutes: z.number().int().min(SECURITY_POLICY_LIMITS.recentSignInMinutes.min).max(SECURITY_POLICY_LIMITS.recentSignInMinutes.max).optional(),
  ...ProofFields,
});
export const TwoFactorPendingInput = z.strictObject({ workspace: WorkspaceSlug, limit: z.number().int().min(1).max(100).default(50), offset: z.number().int().min(0).max(100_000).default(0) });
export const RemindTwoFactorInput = z.strictObject({ workspace: WorkspaceSlug, memberIds: z.array(Id).min(1).max(500).optional() });

const WebhookUrl = z.string().trim().min(1).max(WEBHOOK_URL_MAX_LENGTH);
const WebhookEvents = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);
const WebhookDescription = Line({ max: WEBHOOK_DESCRIPTION_MAX_LENGTH });
export const CreateWebhookInput = z.strictObject({ workspace: WorkspaceSlug, url: WebhookUrl, description: WebhookDescription.default(''), events: WebhookEvents, ...ProofFields });
export const WebhookInput = z.strictObject({ workspace: WorkspaceSlug, webhookId: Id });
export const UpdateWebhookInput = z.strictObject({ workspace: WorkspaceSlug, webhookId: Id, url: WebhookUrl.optional(), description: WebhookDescription.optional(), events: WebhookEvents.optional(), enabled: z.boolean().optional() });
export const RotateWebhookSecretInput = z.strictObject({ workspace: WorkspaceSlug, webhookId: Id, ...ProofFields });
export const WebhookDeliveriesInput = z.strictObject({ workspace: WorkspaceSlug, webhookId: Id, limit: z.number().int().min(1).max(100).default(25), before: Id.optional() });
export const RedeliverWebhookInput = z.strictObject({ workspace: WorkspaceSlug, webhookId: Id, deliveryId: Id });

/** The whole history, or the part between `from` and `to`. */
export const SecurityHistoryExportInput = z.strictObject({ format: z.enum(AUDIT_EXPORT_FORMATS), from: Moment.optional(), to: Moment.optional() });

export const AuditExportInput = z.strictObject({
  workspace: WorkspaceSlug,
  format: z.enum(AUDIT_EXPORT_FORMATS),
  from: Moment,
  to: Moment,
  actor: Line({ min: 1, max: 100 }).optional(),
  action: z.enum([...AUDIT_ACTIONS, ...AUDIT_ACTION_GROUPS]).optional(),
});

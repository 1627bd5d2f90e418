/** Texts both SPAs show, in en: each app's own messages add its screens' texts. */
export const en = {
  nav: {
    mailInbox: 'Local mail inbox',
    signOut: 'Sign out',
    language: 'Language',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    cancel: 'Cancel',
  },
  errors: {
    generic: 'Something went wrong. Please try again.',
  },
  fields: {
    email: 'Email',
    password: 'Password',
    workspaceAddress: 'Workspace address',
  },
  signIn: {
    atWorkspace: 'Sign in to a specific workspace',
    workspaceHint: 'The address your administrator gave you, for example "acme".',
    withProvider: 'Sign in with {name}',
    orEmail: 'Or with your email and password:',
    submit: 'Sign in',
    submitting: 'Signing in…',
  },
  twoFactor: {
    title: 'Two-step verification',
    intro: 'Enter the 6-digit code from your authenticator app.',
    code: 'Code',
    recoveryCode: 'Recovery code',
    useRecovery: 'Use a recovery code instead',
    useCode: 'Use the app’s code instead',
    submit: 'Verify',
  },
  reauth: {
    title: 'Confirm it is you',
    password: 'Your password',
    code: 'Code from your app (or a recovery code)',
    usePassword: 'Use my password instead',
    useCode: 'Use a code instead',
    submit: 'Confirm',
  },
  roles: {
    admin: 'Administrator',
    employee: 'Employee',
    extranet: 'Extranet',
  },
  statuses: {
    active: 'Active',
    invited: 'Invited',
    awaiting_approval: 'Awaiting approval',
    dismissed: 'Dismissed',
  },
};

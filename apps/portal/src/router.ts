import { createRouter, createWebHistory } from 'vue-router';
import { api } from './api.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in people; others go to sign-in and come back. */
    requiresSession?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: '/workspaces' },
    { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue') },
    { path: '/signup', name: 'signup', component: () => import('./pages/SignUpPage.vue') },
    { path: '/workspaces', name: 'workspaces', component: () => import('./pages/WorkspacesPage.vue'), meta: { requiresSession: true } },
    { path: '/workspaces/new', name: 'create-workspace', component: () => import('./pages/CreateWorkspacePage.vue'), meta: { requiresSession: true } },
    { path: '/sessions', name: 'sessions', component: () => import('./pages/SessionsPage.vue'), meta: { requiresSession: true } },
    { path: '/password', name: 'password', component: () => import('./pages/ChangePasswordPage.vue'), meta: { requiresSession: true } },
    { path: '/workspaces/:slug/recovery', name: 'recovery', component: () => import('./pages/RecoveryRequestPage.vue'), meta: { requiresSession: true }, props: true },
    { path: '/workspaces/:slug/invite', name: 'invite-colleagues', component: () => import('./pages/InviteColleaguesPage.vue'), meta: { requiresSession: true }, props: true },
    { path: '/profile', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { requiresSession: true } },
    { path: '/workspaces/:slug/tasks', name: 'tasks', component: () => import('./pages/TasksPage.vue'), meta: { requiresSession: true }, props: true },
    { path: '/invitation', name: 'invitation', component: () => import('./pages/InvitationPage.vue') },
    { path: '/join', name: 'join', component: () => import('./pages/JoinPage.vue') },
    { path: '/verify-email', name: 'verify-email', component: () => import('./pages/MailedLinkPage.vue'), props: { purpose: 'verifyEmail' } },
    { path: '/confirm-email', name: 'confirm-email', component: () => import('./pages/MailedLinkPage.vue'), props: { purpose: 'confirmEmail' } },
    { path: '/forgot-password', name: 'forgot-password', component: () => import('./pages/ForgotPasswordPage.vue') },
    { path: '/reset-password', name: 'reset-password', component: () => import('./pages/ResetPasswordPage.vue') },
    { path: '/security', name: 'security', component: () => import('./pages/SecurityPage.vue'), meta: { requiresSession: true } },
    // An app of a workspace signing the person in through Gatehouse (the issuer sends the browser here).
    { path: '/oidc/interaction/:uid', name: 'app-sign-in', component: () => import('./pages/AppSignInPage.vue'), props: true },
    { path: '/app-sign-out', name: 'app-sign-out', component: () => import('./pages/AppSignOutPage.vue') },
    { path: '/app-error', name: 'app-error', component: () => import('./pages/AppErrorPage.vue') },
    { path: '/{*splat}', redirect: '/workspaces' },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresSession) return true;
  const session = await api.auth.session.query().catch(() => null);
  if (!session) return { name: 'signin', query: { next: to.fullPath } };
  // A generated password (direct registration) is replaced before anything else.
  if (session.profile.mustChangePassword && to.name !== 'password') return { name: 'password', query: { next: to.fullPath } };
  // A workspace's policy holds this session to setting up two-step verification: nothing else opens.
  if (session.session.setupOnly && to.name !== 'security') return { name: 'security' };
  return true;
});

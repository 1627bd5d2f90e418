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
    { path: '/{*splat}', redirect: '/workspaces' },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresSession) return true;
  const session = await api.auth.session.query().catch(() => null);
  return session ? true : { name: 'signin', query: { next: to.fullPath } };
});

import { createRouter, createWebHistory } from 'vue-router';
import { api } from './api.ts';

declare module 'vue-router' {
  interface RouteMeta {
    requiresSession?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { requiresSession: true } },
    { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue') },
    { path: '/platform', name: 'platform', component: () => import('./pages/PlatformPage.vue'), meta: { requiresSession: true } },
    {
      path: '/:slug',
      component: () => import('./pages/WorkspaceLayout.vue'),
      meta: { requiresSession: true },
      props: true,
      children: [
        { path: '', name: 'workspace', component: () => import('./pages/MembersPage.vue'), props: true },
        { path: 'members/:memberId', name: 'member', component: () => import('./pages/MemberPage.vue'), props: true },
        { path: 'settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), props: true },
        { path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), props: true },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  if (!to.matched.some((record) => record.meta.requiresSession)) return true;
  const session = await api.auth.session.query().catch(() => null);
  const slug = typeof to.params.slug === 'string' ? to.params.slug : undefined;
  return session ? true : { name: 'signin', query: { next: to.fullPath, ...(slug ? { workspace: slug } : {}) } };
});

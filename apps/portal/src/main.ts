import { PiniaColada } from '@pinia/colada';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import '@gatehouse/ui/styles.css';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';

createApp(App).use(createPinia()).use(PiniaColada).use(i18n).use(router).mount('#app');

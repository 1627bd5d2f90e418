export { default } from '@gatehouse/eslint-config/vue';

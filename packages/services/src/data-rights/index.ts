export { openMyDataExport, requestMyDataExport } from './export-my-data.ts';
export { deleteProfile } from './delete-profile.ts';

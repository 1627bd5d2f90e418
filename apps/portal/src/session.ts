import { useSession as useSessionOf } from '@gatehouse/ui';
import { api } from './api.ts';

export { useRefreshSession } from '@gatehouse/ui';

/** The signed-in person, or null: shared by the header and every page. */
export const useSession = () => useSessionOf(api);

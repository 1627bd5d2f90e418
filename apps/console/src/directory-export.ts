import { ref } from 'vue';
import { csvCell, type MemberRole, type MemberStatus } from '@gatehouse/domain';
import { api } from './api.ts';


/**
 * The directory as the admin filtered it, page by page through the same API
 * the screen uses, as a CSV file the browser saves; `fetched` counts the
 * members read so far, for the progress shown while it runs.
 */
export function useDirectoryExport() {
  const fetched = ref<number | null>(null);
  async function exportCsv(options: { slug: string; filter: { status?: MemberStatus; role?: MemberRole }; search: string; header: string[]; row: (member: Awaited<ReturnType<typeof api.members.list.query>>['items'][number]) => (string | null)[] }): Promise<void> {
    fetched.value = 0;
    const lines = [options.header.map(csvCell).join(',')];
    try {
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof api.members.list.query>> = await api.members.list.query({
          workspace: options.slug,
          limit: 100,
          ...options.filter,
          ...(options.search ? { search: options.search } : {}),
          ...(cursor ? { cursor } : {}),
        });
        for (const member of page.items) lines.push(options.row(member).map(csvCell).join(','));
        fetched.value += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `${options.slug}-members.csv` });
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      fetched.value = null;
    }
  }
  return { fetched, exportCsv };
}

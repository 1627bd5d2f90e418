import { computed, ref } from 'vue';

/**
 * Keyset paging as a list screen walks it: the cursors of the pages visited
 * so far, so Previous needs no OFFSET and Next follows the API's cursor.
 */
export function useCursorPages() {
  const cursors = ref<(string | undefined)[]>([undefined]);
  const cursor = computed(() => cursors.value[cursors.value.length - 1]);
  const onFirstPage = computed(() => cursors.value.length === 1);
  return {
    cursor,
    onFirstPage,
    next(nextCursor: string | null | undefined): void {
      if (nextCursor) cursors.value = [...cursors.value, nextCursor];
    },
    previous(): void {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    /** Back to the first page (a new filter, another workspace). */
    reset(): void {
      cursors.value = [undefined];
    },
  };
}

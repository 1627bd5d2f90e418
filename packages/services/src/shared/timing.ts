/**
 * Answers no sooner than `floorMs` after `startedAt`, so whether a branch found
 * a profile (and wrote a token and a mail) does not show in the response time.
 */
export async function answerNoSoonerThan(startedAt: number, floorMs: number): Promise<void> {
  const wait = startedAt + floorMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

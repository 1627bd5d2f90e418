/**
 * Bounds concurrent work: up to `limit` run at once, up to `queueLimit` wait,
 * and anyone past that is refused at once instead of queueing without end.
 */
export class Semaphore {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  readonly limit: number;
  readonly queueLimit: number;

  constructor(options: { limit: number; queueLimit: number }) {
    this.limit = options.limit;
    this.queueLimit = options.queueLimit;
  }

  /** Runs `work` under the bound, or returns `refused` without running it. */
  async run<T>(work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.#running >= this.limit) {
      if (this.#waiting.length >= this.queueLimit) return { ran: false };
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return { ran: true, value: await work() };
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Whether `run` would refuse now. */
  get saturated(): boolean {
    return this.#running >= this.limit && this.#waiting.length >= this.queueLimit;
  }

  get running(): number {
    return this.#running;
  }

  get pending(): number {
    return this.#waiting.length;
  }
}

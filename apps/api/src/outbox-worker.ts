import type { Logger } from 'pino';
import { errorSummary } from '@gatehouse/db';

/**
 * Runs one outbox's rounds (the apps' back-channel logouts, the webhooks)
 * every few seconds and when nudged after a change; every api process runs
 * one per outbox, and the outbox's row locks keep each message to one
 * sender. One round at a time per process.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly options: { name: string; pollMs: number; logger: Logger; round: () => Promise<{ retried: number; failed: number }> };

  constructor(options: { name: string; pollMs: number; logger: Logger; round: () => Promise<{ retried: number; failed: number }> }) {
    this.options = options;
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.options.pollMs);
    this.timer.unref();
  }

  /** A round now; if one is under way, another right after it (the change that nudged may have come too late for it). */
  nudge(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  private async round(): Promise<void> {
    try {
      const report = await this.options.round();
      if (report.retried || report.failed) this.options.logger.warn(report, `${this.options.name}: some receivers did not take their messages`);
    } catch (error) {
      this.options.logger.warn({ err: errorSummary(error) }, `${this.options.name} round failed`);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.again = false;
    await this.running;
  }
}

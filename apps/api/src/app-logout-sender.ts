import type { Logger } from 'pino';
import { errorSummary, type Orm } from '@gatehouse/db';
import { deliverAppLogouts, type ServiceConfig } from '@gatehouse/services';

/**
 * Sends the apps' back-channel logouts every few seconds (and when nudged);
 * every api process runs one, and the outbox's row locks keep each logout to
 * one sender. One round at a time per process.
 */
export class AppLogoutSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly options: { orm: Orm; config: ServiceConfig; allowPrivate: boolean; pollMs: number; logger: Logger };

  constructor(options: { orm: Orm; config: ServiceConfig; allowPrivate: boolean; pollMs: number; logger: Logger }) {
    this.options = options;
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.options.pollMs);
    this.timer.unref();
  }

  /** A round now, unless one is under way. */
  nudge(): void {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
  }

  private async round(): Promise<void> {
    try {
      const report = await deliverAppLogouts({ orm: this.options.orm, config: this.options.config, allowPrivate: this.options.allowPrivate });
      if (report.retried || report.failed) this.options.logger.warn(report, 'some apps did not take their back-channel logout');
    } catch (error) {
      this.options.logger.warn({ err: errorSummary(error) }, 'back-channel logout round failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

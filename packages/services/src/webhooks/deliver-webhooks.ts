import {
  claimDueWebhookDeliveries,
  claimWebhookEventsToFanOut,
  disableFailingWebhookEndpoint,
  Member,
  recordWebhookAttempts,
  saveWebhookFanOut,
  Workspace,
  type DueWebhookDelivery,
  type Orm,
  type WebhookAttemptOutcome,
  type WebhookEventToFanOut,
} from '@gatehouse/db';
import { WEBHOOK_DISABLE_AFTER_FAILING_MS, WEBHOOK_RETRY_DELAYS_MS } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { recordAudit } from '../audit/index.ts';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { postOutbound } from '../shared/outbound.ts';
import { openWebhookSecret, signedHeaders } from './webhook-signing.ts';

const FAN_OUT_BATCH = 200;
const DELIVERY_BATCH = 50;
/** Requests in flight at once per api process. */
const CONCURRENCY = 8;
/** A receiver answers within this, or the attempt counts as failed (Standard Webhooks asks receivers to answer at once and work later). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The message as Standard Webhooks shapes it: its type, when it happened, and what it is about. */
export function webhookPayload(event: WebhookEventToFanOut): string {
  const { actor, profileId, details } = event.data as { actor?: unknown; profileId?: string | null; details?: unknown };
  return JSON.stringify({
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: {
      workspace: { id: event.workspaceId, slug: event.workspaceSlug, name: event.workspaceName },
      member: event.member ?? (event.memberId ? { id: event.memberId } : null),
      profileId: profileId ?? null,
      actor: actor ?? { type: 'system' },
      details: details ?? {},
    },
  });
}

/** Fans new events out to the endpoints that asked for them: one delivery each, in one transaction per batch. Returns how many events it took. */
export async function fanOutWebhookEvents(options: { orm: Orm }): Promise<number> {
  return options.orm.em.fork().transactional(async (em) => {
    const events = await claimWebhookEventsToFanOut(em, FAN_OUT_BATCH);
    await saveWebhookFanOut(
      em,
      events.map((event) => ({ seq: event.seq, payload: webhookPayload(event), endpointIds: event.endpointIds, orderingKey: event.memberId ?? 'workspace' })),
    );
    return events.length;
  });
}

/** When a failed attempt is tried again, or null once the day of retries is used up. */
export function nextWebhookAttempt(attemptsMade: number, now: Date): Date | null {
  const delay = WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** Switched off after a day of failures: recorded, and every admin mailed (by the one process whose update did it). */
async function disableIfFailingForADay(orm: Orm, config: ServiceConfig, delivery: DueWebhookDelivery, failingSince: Date, now: Date): Promise<void> {
  if (now.getTime() - failingSince.getTime() < WEBHOOK_DISABLE_AFTER_FAILING_MS) return;
  await orm.em.fork().transactional(async (em) => {
    if (!(await disableFailingWebhookEndpoint(em, delivery.endpointId, new Date(now.getTime() - WEBHOOK_DISABLE_AFTER_FAILING_MS)))) return;
    const workspace = await em.findOneOrFail(Workspace, { id: delivery.workspaceId });
    recordAudit(em, null, { workspaceId: workspace.id, action: 'webhook.disabled', details: { url: delivery.url, failingSince: failingSince.toISOString() } });
    const admins = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
    for (const admin of admins) {
      const to = admin.profile?.getEntity();
      if (!to) continue;
      enqueueMail(em, {
        to: to.email,
        kind: 'webhook_disabled',
        locale: to.locale,
        params: { workspaceName: workspace.name, url: delivery.url, since: failingSince, link: consoleLink(config, `/${workspace.slug}/integrations`) },
      });
    }
    await em.flush();
  });
}

async function attempt(config: ServiceConfig, delivery: DueWebhookDelivery, now: Date): Promise<WebhookAttemptOutcome> {
  const secrets = [openWebhookSecret(config, delivery.secretSealed)];
  if (delivery.previousSecretSealed && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > now) secrets.push(openWebhookSecret(config, delivery.previousSecretSealed));
  const started = performance.now();
  const outcome = await postOutbound(
    delivery.url,
    { body: delivery.payload, headers: signedHeaders(secrets, { id: delivery.messageId, payload: delivery.payload, at: now }) },
    { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate: config.webhooksAllowPrivate },
  );
  const retryAt = outcome.ok ? null : nextWebhookAttempt(delivery.attempts + 1, now);
  return {
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    outcome: outcome.ok ? 'delivered' : retryAt ? 'retry' : 'failed',
    status: outcome.status,
    error: outcome.ok ? null : outcome.reason,
    durationMs: Math.round(performance.now() - started),
    retryAt,
  };
}

/**
 * Sends the deliveries that may go now, a few at a time: signed, no
 * redirects, a short timeout, no private destination unless allowed. Any
 * number of api processes run this at once; each delivery goes out from
 * one of them, and a member's next event only after their last one arrived
 * (or was given up).
 */
export async function deliverWebhooks(options: { orm: Orm; config: ServiceConfig; now?: Date }): Promise<{ claimed: number; delivered: number; retried: number; failed: number }> {
  const now = options.now ?? new Date();
  const due = await claimDueWebhookDeliveries(options.orm.em.fork(), { now, limit: DELIVERY_BATCH, lockMs: WEBHOOK_TIMEOUT_MS * 3 });
  const report = { claimed: due.length, delivered: 0, retried: 0, failed: 0 };
  const outcomes: WebhookAttemptOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, due.length) }, async () => {
      for (let delivery = due[next++]; delivery; delivery = due[next++]) outcomes.push(await attempt(options.config, delivery, now));
    }),
  );
  // The batch's outcomes in one statement; an endpoint that has failed for a day is then switched off.
  const failing = await recordWebhookAttempts(options.orm.em.fork(), now, outcomes);
  for (const outcome of outcomes) report[outcome.outcome === 'retry' ? 'retried' : outcome.outcome] += 1;
  for (const [endpointId, failingSince] of failing) {
    const delivery = due.find((candidate) => candidate.endpointId === endpointId)!;
    if (failingSince) await disableIfFailingForADay(options.orm, options.config, delivery, failingSince, now);
  }
  return report;
}

/** One sender round: new events fanned out, then deliveries sent, each until nothing more is due (or `maxBatches`). */
export async function runWebhookRound(options: { orm: Orm; config: ServiceConfig; maxBatches?: number }): Promise<{ fannedOut: number; delivered: number; retried: number; failed: number }> {
  const total = { fannedOut: 0, delivered: 0, retried: 0, failed: 0 };
  const maxBatches = options.maxBatches ?? 20;
  for (let batch = 0; batch < maxBatches; batch++) {
    const taken = await fanOutWebhookEvents(options);
    total.fannedOut += taken;
    if (taken < FAN_OUT_BATCH) break;
  }
  for (let batch = 0; batch < maxBatches; batch++) {
    const report = await deliverWebhooks(options);
    total.delivered += report.delivered;
    total.retried += report.retried;
    total.failed += report.failed;
    // A delivered event may free the member's next one: go on while anything was sent.
    if (!report.claimed) break;
  }
  return total;
}

import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { failureAnswer } from '@gatehouse/api';
import { DEFAULT_LOCALE } from '@gatehouse/domain';

/**
 * A graceful shutdown's state. While draining, every answer — those in
 * flight when it began and any that still arrive on open keep-alive
 * connections — carries `Connection: close`, so no client sends another
 * request on a connection about to close, and none is ever reset.
 */
export class Drain {
  draining = false;
  readonly inFlight = new Set<ServerResponse>();
  lastRequestAt = 0;

  begin(): void {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  /** Resolves once no request is in flight and none came for `quietMs` (or when `timeoutMs` is over). */
  async settled(options: { quietMs: number; timeoutMs: number }): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    while (Date.now() < deadline && (this.inFlight.size > 0 || Date.now() - this.lastRequestAt < options.quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function drainingGuard(drain: Drain): RequestHandler {
  return (_req, res, next) => {
    if (drain.draining) res.shouldKeepAlive = false;
    drain.lastRequestAt = Date.now();
    drain.inFlight.add(res);
    res.once('close', () => drain.inFlight.delete(res));
    next();
  };
}

/**
 * A request Node cannot even parse (headers or URL over its 16 KiB limit, a
 * broken request line) gets the API's own answer shape instead of Node's
 * bare status line: 431 for headers too large, 400 otherwise.
 */
export function answerMalformedRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const { body } = failureAnswer({ appCode: 'INVALID_INPUT', paths: ['_'], locale: DEFAULT_LOCALE, batch: false });
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

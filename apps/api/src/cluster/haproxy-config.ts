/**
 * HAProxy's configuration for a cluster of api processes: round robin over
 * the processes that answer `/readyz`, one new server connection per request
 * (`http-server-close`), so a failed connection to a process that just went
 * away is retried on another (`redispatch`) — safe for any request, since it
 * never reached a process. Clients keep their own connection to HAProxy.
 */
export function haproxyConfig(options: { port: number; backends: number[]; healthCheckMs: number; host?: string }): string {
  const host = options.host ?? '127.0.0.1';
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 10s',
    // A process that answers /readyz with 503 (draining) is out at once (fall 1); one merely slow to answer on a busy machine is not.
    '  timeout check 2s',
    '  option http-server-close',
    '  option redispatch',
    '  retries 3',
    '',
    'frontend gatehouse',
    `  bind ${host}:${options.port}`,
    '  option forwardfor',
    '  default_backend api',
    '',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    `  default-server inter ${options.healthCheckMs}ms fastinter ${options.healthCheckMs}ms downinter ${options.healthCheckMs}ms fall 1 rise 1`,
    ...options.backends.map((port, index) => `  server api${index + 1} 127.0.0.1:${port} check`),
    '',
  ].join('\n');
}

/**
 * Preloaded (`node --import`) into each server the benchmark starts, the same
 * for both: it watches the event loop's delay and reports it over the IPC
 * channel when asked, so neither server needs code of its own for it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

process.on('message', (message: unknown) => {
  if (message === 'probe:reset') {
    histogram.reset();
    process.send?.({ probe: 'reset' });
  } else if (message === 'probe:read') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    process.send?.({ probe: 'read', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) });
  }
});
// The channel must not keep a server alive once it has shut down.
process.channel?.unref();

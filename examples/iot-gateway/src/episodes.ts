/**
 * Turning a stream of window scores into alert episodes: the first anomalous window opens one (an
 * `alert`, sent at once), and `clearAfter` normal windows in a row close it (a `resolved`, with the
 * peak and the channel blamed over the whole episode). Windows overlap, so one fault flags many
 * windows in a row; this keeps it to one alert.
 */
import type { StreamScore } from '@novae/runtime';
import type { AlertMessage, ResolvedMessage } from './messages.js';

type Alert = Omit<AlertMessage, 'device' | 'latencyMs'>;
type Resolved = Omit<ResolvedMessage, 'device'>;

/** The channel with the largest share, or `'unknown'` when no channel is above its baseline. */
export function topChannel(shares: Record<string, number>): string {
  let best = '';
  let bestShare = -Infinity;
  for (const [channel, share] of Object.entries(shares)) {
    if (share > bestShare) { best = channel; bestShare = share; }
  }
  return bestShare > 0 ? best : 'unknown';
}

interface Open {
  id: number;
  start: number;
  timestamp: number;
  windows: number;
  peakScore: number;
  peakTimestamp: number;
  weighted: Record<string, number>;
  /** Normal windows since the last anomalous one. */
  quiet: number;
}

export class EpisodeTracker {
  readonly #clearAfter: number;
  #open: Open | null = null;
  #episodes = 0;

  /** @param clearAfter normal windows in a row that end an episode (at least 1). */
  constructor(clearAfter: number) {
    this.#clearAfter = Math.max(1, clearAfter);
  }

  get episodes(): number {
    return this.#episodes;
  }

  /** Take the next window's score; returns what to publish (nothing, an alert, or a resolution). */
  push(s: StreamScore): Alert | Resolved | null {
    const open = this.#open;
    if (!s.isAnomaly) {
      if (open === null || ++open.quiet < this.#clearAfter) return null;
      return this.#close();
    }
    const weight = Math.max(s.score - s.threshold, Number.MIN_VALUE);
    if (open !== null) {
      open.quiet = 0;
      open.windows++;
      open.timestamp = s.timestamp;
      if (s.score > open.peakScore) { open.peakScore = s.score; open.peakTimestamp = s.timestamp; }
      for (const [c, share] of Object.entries(s.channels)) open.weighted[c] = (open.weighted[c] ?? 0) + weight * share;
      return null;
    }
    const id = ++this.#episodes;
    this.#open = {
      id, start: s.start, timestamp: s.timestamp, windows: 1, peakScore: s.score, peakTimestamp: s.timestamp, quiet: 0,
      weighted: Object.fromEntries(Object.entries(s.channels).map(([c, share]) => [c, weight * share])),
    };
    return {
      type: 'alert', id, timestamp: s.timestamp, start: s.start, score: s.score, pValue: s.pValue,
      threshold: s.threshold, channels: s.channels, channel: topChannel(s.channels),
    };
  }

  /** Close the open episode, if any (the end of the input). */
  flush(): Resolved | null {
    return this.#open === null ? null : this.#close();
  }

  #close(): Resolved {
    const o = this.#open!;
    this.#open = null;
    const total = Object.values(o.weighted).reduce((a, b) => a + b, 0);
    const channels = Object.fromEntries(Object.entries(o.weighted).map(([c, w]) => [c, total > 0 ? w / total : 0]));
    return {
      type: 'resolved', id: o.id, start: o.start, timestamp: o.timestamp, windows: o.windows,
      peakScore: o.peakScore, peakTimestamp: o.peakTimestamp, channels, channel: topChannel(channels),
    };
  }
}

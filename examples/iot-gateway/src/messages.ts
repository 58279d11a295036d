/**
 * The MQTT contract between device, gateway and alert consumers: topics and message bodies (JSON).
 * Every topic is published with QoS 1 (at least once); the gateway's sensor window drops a
 * redelivered reading (same timestamp) and counts it.
 */
import type { Reading } from './signal.js';

export const topics = {
  /** One reading per message: `ReadingMessage`. */
  readings: (device: string) => `novae/devices/${device}/readings`,
  /** The device's lifecycle: `StatusMessage` (`done` carries how many readings it published). */
  status: (device: string) => `novae/devices/${device}/status`,
  /** What the gateway found: `AlertMessage` and `ResolvedMessage`. */
  alerts: (device: string) => `novae/alerts/${device}`,
  /** The gateway's counts, published when a device is done: `GatewayStats`. */
  gatewayStats: (gateway: string) => `novae/gateways/${gateway}/stats`,
} as const;

/** A reading on the wire: device time (epoch ms), a sequence number, one number per channel. */
export type ReadingMessage = Reading & { seq: number };

export type StatusMessage = { state: 'online' } | { state: 'done'; published: number };

/** Published at the first anomalous window of an episode. */
export interface AlertMessage {
  type: 'alert';
  device: string;
  /** Episode number on this device, from 1. */
  id: number;
  /** Device time of the window's last and first readings, epoch ms. */
  timestamp: number;
  start: number;
  score: number;
  pValue: number;
  threshold: number;
  /** Each channel's share of the window's excess NLL (0..1, summing to 1). */
  channels: Record<string, number>;
  /** The channel with the largest share: the gateway's guess of the faulty sensor. */
  channel: string;
  /** Wall-clock ms from the window's last reading reaching the gateway to this alert being sent. */
  latencyMs: number;
}

/** Published when an episode ends: `clearAfter` normal windows in a row after its last anomalous one. */
export interface ResolvedMessage {
  type: 'resolved';
  device: string;
  id: number;
  /** Device time of the episode's first window's first reading and its last anomalous window's end. */
  start: number;
  timestamp: number;
  /** Anomalous windows in the episode. */
  windows: number;
  peakScore: number;
  peakTimestamp: number;
  /** Channel shares over the episode, each window weighted by how far its score was above threshold. */
  channels: Record<string, number>;
  channel: string;
}

export type AlertsTopicMessage = AlertMessage | ResolvedMessage;

/** The gateway's counts: nothing it was sent goes missing without being counted here. */
export interface GatewayStats {
  /** Messages on the readings topic. */
  received: number;
  /** Readings that were not JSON objects (never reach the model). */
  rejected: number;
  /** Readings the sensor window dropped: out of order, or a repeated timestamp (a QoS 1 redelivery). */
  outOfOrder: number;
  duplicates: number;
  /** `rejected + outOfOrder + duplicates`: readings received but not scored in any window. */
  dropped: number;
  /** Windows cut, scored, and dropped by the stream's queue (0 under backpressure). */
  windows: number;
  scored: number;
  droppedWindows: number;
  /** Most windows that waited to be scored at once (the stream's queue is full at `maxQueue`). */
  maxQueued: number;
  /** ONNX runs and the largest batch. */
  batches: number;
  largestBatch: number;
  /** Anomalous windows, and alert episodes opened. */
  anomalous: number;
  alerts: number;
}

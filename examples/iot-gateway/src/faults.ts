/**
 * The faults a run injects, at known times, and how a run is graded against them: each fault's
 * first alert and its delay, and every alert (or flagged window) that overlaps no fault.
 */
import type { Channel, Fault, FaultKind } from './signal.js';

/** A fault planned relative to the start of a run, in seconds of device time. */
export interface PlannedFault {
  kind: FaultKind;
  channel: Channel;
  at: number;
  duration: number;
}

/** The run's faults: one of each kind, far enough apart that each is graded on its own. */
export const FAULT_PLAN: readonly PlannedFault[] = [
  { kind: 'spike', channel: 'current', at: 4, duration: 0.02 },
  { kind: 'drift', channel: 'temperature', at: 8, duration: 3 },
  { kind: 'stuck', channel: 'vibration', at: 13, duration: 2 },
  { kind: 'noise-burst', channel: 'current', at: 18, duration: 1 },
];

/** Seconds of device time a run lasts: the last fault, then a quiet stretch. */
export const RUN_SECONDS = 22;

/** The plan as faults at device times (epoch ms) for a run starting at `start`. */
export function scheduleFaults(start: number, plan: readonly PlannedFault[] = FAULT_PLAN): Fault[] {
  return plan.map((p) => ({ kind: p.kind, channel: p.channel, onset: start + p.at * 1000, end: start + (p.at + p.duration) * 1000 }));
}

/** Anything judged over a span of device time: a flagged window, or an alert (its first window). */
export interface Flag {
  /** Device time of the window's first and last readings, epoch ms. */
  start: number;
  timestamp: number;
  /** The channel blamed for it, when there is one. */
  channel?: string;
}

/** True when a window over `[start, timestamp]` holds at least one reading of the fault. */
export function overlaps(flag: Flag, fault: Fault): boolean {
  return flag.timestamp >= fault.onset && flag.start < fault.end;
}

export interface FaultGrade {
  fault: Fault;
  /** The first flag overlapping the fault, or null when none did. */
  detectedBy: Flag | null;
  /** Device time from onset to the end of the first overlapping window, ms (NaN when missed). */
  delayMs: number;
  /** Whether the first flag blamed the fault's channel. */
  channelRight: boolean;
}

export interface RunGrade {
  faults: FaultGrade[];
  /** Flags that overlap no fault. */
  falseAlarms: Flag[];
}

/** Grade flags (in any order) against the faults of a run. */
export function grade(faults: readonly Fault[], flags: readonly Flag[]): RunGrade {
  const sorted = [...flags].sort((a, b) => a.timestamp - b.timestamp);
  return {
    faults: faults.map((fault) => {
      const first = sorted.find((f) => overlaps(f, fault)) ?? null;
      return {
        fault, detectedBy: first, delayMs: first ? first.timestamp - fault.onset : Number.NaN,
        channelRight: first?.channel === fault.channel,
      };
    }),
    falseAlarms: sorted.filter((f) => !faults.some((fault) => overlaps(f, fault))),
  };
}

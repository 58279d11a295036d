/**
 * Training the gateway's model: a sensor adapter and a small MLP VAE fitted on healthy readings
 * from the same machine (another noise seed), exported as one .onnx file.
 */
import type { FitSensorOptions, SensorAdapter } from '@novae/adapters';
import { train, type EpochProgress, type TrainedModel } from '@novae/trainer';
import { CHANNELS, readings } from './signal.js';

/** 32 readings (160 ms at 200 Hz) per window, a new window every 4 readings (20 ms). */
export const ADAPTER_OPTIONS: FitSensorOptions = { channels: CHANNELS, window: 32, stride: 4 };

export interface TrainGatewayModelOptions {
  /** Seconds of healthy readings to train on (default 50: five "days", about 2500 windows). */
  seconds?: number;
  /** Noise seed of the training machine (default 101; runs use other seeds). */
  seed?: number;
  rateHz?: number;
  epochs?: number;
  onProgress?: (progress: EpochProgress) => void;
}

export interface GatewayModel {
  trained: TrainedModel<SensorAdapter>;
  adapter: SensorAdapter;
  windows: number;
}

export async function trainGatewayModel(options: TrainGatewayModelOptions = {}): Promise<GatewayModel> {
  const rateHz = options.rateHz ?? 200;
  const series = readings(Math.round((options.seconds ?? 50) * rateHz), { seed: options.seed ?? 101, rateHz });
  // The series is cut into windows and split in time: the last fifth (one whole "day") is held out
  // for early stopping and calibration. The threshold is the 99.9th percentile of those scores:
  // at 50 windows a second, the 99th would flag a healthy machine about every 2 s.
  const trained = await train(series, {
    adapter: { kind: 'sensor', ...ADAPTER_OPTIONS },
    epochs: options.epochs ?? 40, batchSize: 32, learningRate: 3e-3, seed: 3, hidden: [64, 32], latentDim: 4,
    calibration: { q: 0.999 }, onProgress: options.onProgress,
  });
  return { trained, adapter: trained.adapter, windows: trained.adapter.windows(series).length };
}

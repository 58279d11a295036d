/** The worker_threads worker of `npm run bench:runtime`: serves detectors, as a user's worker would. */
import { exposeDetector } from '@novae/runtime/worker';

exposeDetector();

import type { SuiteDef } from '../types.js';
import { barrierCheck } from './concurrency/barrier.js';
import { distinctClientsCheck } from './concurrency/distinct-clients.js';
import { hungOriginCheck } from './concurrency/hung-origin.js';
import { releaseOrderCheck } from './concurrency/release-order.js';
import { slowClientCheck } from './concurrency/slow-client.js';

/** Concurrency: the grader's origins decide when they answer, so no check races a clock. */
export const concurrencySuite: SuiteDef = {
  id: 'concurrency',
  title: { en: 'Concurrency', ko: '동시성' },
  checks: [hungOriginCheck, slowClientCheck, barrierCheck, releaseOrderCheck, distinctClientsCheck],
};

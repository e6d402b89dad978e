import type { SuiteDef } from '../types.js';
import { abortMidResponseCheck } from './robustness/abort-mid-response.js';
import { earlyClientCloseCheck } from './robustness/early-client-close.js';
import { fdLeakCheck } from './robustness/fd-leak.js';
import { malformedRequestCheck } from './robustness/malformed-request.js';
import { originEarlyCloseCheck } from './robustness/origin-early-close.js';
import { originRefusedCheck } from './robustness/origin-refused.js';
import { originResetCheck } from './robustness/origin-reset.js';
import { unsupportedMethodCheck } from './robustness/unsupported-method.js';

/** Robustness: whatever one client or origin does, the proxy answers or closes, stays up and leaks nothing. */
export const robustnessSuite: SuiteDef = {
  id: 'robustness',
  title: { en: 'Robustness', ko: '견고성' },
  checks: [
    abortMidResponseCheck,
    earlyClientCloseCheck,
    originRefusedCheck,
    originResetCheck,
    originEarlyCloseCheck,
    malformedRequestCheck,
    unsupportedMethodCheck,
    fdLeakCheck,
  ],
};

// The CMU handout's driver.sh (2016), check for check: five bodies compared as curl saves them, one fetch
// while another request hangs on a nop server, and one fetch served from the cache after Tiny is stopped.
// Each check lives in cmu/<name>.ts (its id is <suite>.<name>), its shared steps in support/cmu/.
import type { CheckDef } from '../types.js';
import { cmuExeCheck } from './cmu/cmu-exe.js';
import { cmuHomeCheck } from './cmu/cmu-home.js';
import { cmuJpegCheck } from './cmu/cmu-jpeg.js';
import { nopCheck } from './cmu/cmu-nop.js';
import { originStoppedCheck } from './cmu/cmu-origin-stopped.js';
import { cmuSource1Check } from './cmu/cmu-source-1.js';
import { cmuSource2Check } from './cmu/cmu-source-2.js';

/** The checks of `--rubric cmu`, scored as driver.sh scores them. */
export const cmuChecks: CheckDef[] = [
  cmuHomeCheck,
  cmuSource1Check,
  cmuSource2Check,
  cmuJpegCheck,
  cmuExeCheck,
  nopCheck,
  originStoppedCheck,
];

import type { SuiteDef } from '../types.js';
import { binaryHugeCheck } from './basic/binary-huge.js';
import { binaryLargeCheck } from './basic/binary-large.js';
import { binarySmallCheck } from './basic/binary-small.js';
import { cgiCheck } from './basic/cgi.js';
import { defaultPathCheck } from './basic/default-path.js';
import { headerPassthroughCheck } from './basic/header-passthrough.js';
import { hostHeaderCheck } from './basic/host-header.js';
import { htmlCheck } from './basic/html.js';
import { nothingAfterHeadCheck } from './basic/nothing-after-head.js';
import { originPortCheck } from './basic/origin-port.js';
import { queryEscapesCheck } from './basic/query-escapes.js';
import { requestLineCheck } from './basic/request-line.js';
import { requiredHeadersCheck } from './basic/required-headers.js';
import { textCheck } from './basic/text.js';

/** Fetches compared byte for byte, and the forwarded request head as the origin received it. */
export const basicSuite: SuiteDef = {
  id: 'basic',
  title: { en: 'Basic forwarding', ko: '기본 전달' },
  checks: [
    htmlCheck,
    textCheck,
    binarySmallCheck,
    binaryLargeCheck,
    binaryHugeCheck,
    cgiCheck,
    defaultPathCheck,
    queryEscapesCheck,
    originPortCheck,
    requestLineCheck,
    hostHeaderCheck,
    requiredHeadersCheck,
    headerPassthroughCheck,
    nothingAfterHeadCheck,
  ],
};

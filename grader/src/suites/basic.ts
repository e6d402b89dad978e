import type { SuiteDef } from '../types.js';
import {
  binaryHugeCheck,
  binaryLargeCheck,
  binarySmallCheck,
  cgiCheck,
  defaultPathCheck,
  htmlCheck,
  originPortCheck,
  queryEscapesCheck,
  textCheck,
} from './basic/fetch-checks.js';
import { hostHeaderCheck, nothingAfterHeadCheck, requestLineCheck } from './basic/forward-checks.js';
import { headerPassthroughCheck, requiredHeadersCheck } from './basic/header-checks.js';

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

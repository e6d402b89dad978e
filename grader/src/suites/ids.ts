// The suite ids, declared once: the SuiteId type, the CLI's --only, the reporters and the rubric schema's enum
// (checked against this list by scoring/rubric-schema.test.ts) all follow this order.
export const SUITE_IDS = ['basic', 'concurrency', 'robustness', 'cache'] as const;

export type SuiteId = (typeof SUITE_IDS)[number];

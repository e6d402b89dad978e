import { describe, expect, it } from 'vitest';
import { createCommandTarget } from './command.js';
import { createSubmissionTarget } from './submission.js';

const unavailable = {
  support: { available: false as const, missing: 'bubblewrap (bwrap) is not installed' },
};

describe('targets without a jail', () => {
  it('say in one note line what is missing, and run as before', () => {
    const submission = createSubmissionTarget('.', { jail: unavailable });
    expect(submission.notes).toEqual([
      "Not jailed: bubblewrap (bwrap) is not installed; student code runs as the grader's user with the grader's rlimits only.",
    ]);
    expect(createCommandTarget('./proxy {port}', '.', { jail: unavailable }).notes).toHaveLength(1);
  });

  it('say nothing when no jail was asked for (library use)', () => {
    expect(createSubmissionTarget('.').notes).toEqual([]);
    expect(createCommandTarget('./proxy {port}').notes).toEqual([]);
  });
});

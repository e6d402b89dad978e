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
      {
        en: "Not jailed: bubblewrap (bwrap) is not installed; student code runs as the grader's user with the grader's rlimits only.",
        ko: '격리되지 않음: bubblewrap(bwrap)이 설치되어 있지 않습니다. 학생 코드가 채점기와 같은 사용자로, 채점기의 rlimit만 적용된 채 실행됩니다.',
      },
    ]);
    expect(createCommandTarget('./proxy {port}', '.', { jail: unavailable }).notes).toHaveLength(1);
  });

  it('say nothing when no jail was asked for (library use)', () => {
    expect(createSubmissionTarget('.').notes).toEqual([]);
    expect(createCommandTarget('./proxy {port}').notes).toEqual([]);
  });
});

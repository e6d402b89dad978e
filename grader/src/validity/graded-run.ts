// One grading of one fixture submission, as the validity run records it.
import type { RunReport } from '../types.js';

export interface GradedRun {
  name: string;
  /** 0-based run number of this fixture */
  index: number;
  failed: string[];
  score: number;
  cmuScore?: number;
  /** default rubric plus cmu rubric, builds included */
  durationMs: number;
  /** the default rubric's grading, the build (make) left out */
  gradeMs: number;
  buildMs: number;
  /** the cmu rubric's grading, the build left out */
  cmuMs?: number;
  crashes: string[];
  /** the default-rubric report of this run */
  report: RunReport;
}

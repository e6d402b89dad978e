import { UsageError } from '../errors.js';
import type { Target } from './target.js';

/** `--image NAME`: placeholder until container grading lands (see the Docker issue). */
export function createImageTarget(image: string): Target {
  throw new UsageError(`Grading a Docker image (${image}) is not available in this build yet.`);
}

// The shape of what one fixture submission must score: its flaw, the checks it fails, its CMU driver score.

export interface Expectation {
  flaw: string;
  fails: readonly string[] | 'all';
  /** With fails 'all': the checks that nevertheless pass (fails = every check but these). */
  passes?: readonly string[];
  /**
   * Checks a true data race in the flaw may or may not cost, run to run (the race fires only when connections
   * overlap in the proxy's accept loop): neither counted as unexpected nor as varied. Used for shared-connfd only.
   */
  mayFail?: readonly string[];
  cmu: { basic: number; concurrency: number; cache: number };
  /**
   * The explanation each named failed check must give in every run (matched against its detail and hint): the
   * cause the flaw implies, so a hint that names another cause is caught as surely as a lost point.
   */
  explains?: Readonly<Record<string, RegExp>>;
}

// Runs async work one at a time: a request that arrives while a run is going makes one more run
// start when it ends (bursts of file events collapse into at most two runs).
export class CoalescingRunner {
  private current: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly onIdle?: () => void,
  ) {}

  /** The run going now, if any. */
  get running(): Promise<void> | undefined {
    return this.current;
  }

  run(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      do {
        this.again = false;
        try {
          await this.work();
        } catch (e) {
          this.onError(e);
        }
      } while (this.again);
    })().finally(() => {
      this.current = undefined;
      this.onIdle?.();
    });
    return this.current;
  }
}

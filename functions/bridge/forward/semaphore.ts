/** Bounds how many async operations run at once; the rest wait their turn in order. */
export class Semaphore {
  readonly #waiting: Array<() => void> = [];
  #active = 0;

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active += 1;
      return;
    }
    // The releasing holder hands its slot straight to the next waiter.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

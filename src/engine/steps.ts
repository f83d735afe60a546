// Long computations (the interpreter, the pass pipeline) are generators that yield between steps. One code path
// then serves both callers: runSteps goes to the end at once; runStepsAsync gives the event loop a turn every
// `yieldEveryMs`, so that a Worker stays responsive (a cancel message can flip an abort signal).
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runStepsAsync<T>(steps: Generator<void, T>, yieldEveryMs = 30): Promise<T> {
  let last = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - last >= yieldEveryMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}

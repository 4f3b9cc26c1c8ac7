import * as assert from 'node:assert';
import { CoalescingRunner } from '../../src/core/util/coalescingRunner';

describe('CoalescingRunner', () => {
  it('collapses requests made during a run into one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const runner = new CoalescingRunner(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
    }, (e) => assert.fail(String(e)));
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    assert.strictEqual(first, second);
    assert.strictEqual(second, third);
    release();
    await first;
    assert.strictEqual(runs, 2);
    assert.strictEqual(runner.running, undefined);
  });

  it('reports a failing run and keeps working', async () => {
    const errors: unknown[] = [];
    let idle = 0;
    let fail = true;
    const runner = new CoalescingRunner(async () => {
      if (fail) throw new Error('boom');
    }, (e) => errors.push(e), () => idle++);
    await runner.run();
    fail = false;
    await runner.run();
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(idle, 2);
  });
});

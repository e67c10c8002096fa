// The language-model server's wait line: one job at a time, in order, bounded, jobs withdrawn while waiting.
import { describe, expect, it } from 'vitest'
import { GenerationQueue, type QueuedJob } from '../../../server/lm/queue.ts'

/** A job that records when it starts and ends when the test says so. */
function job(log: string[], name: string): QueuedJob & { finish(): void } {
  let finish = () => {}
  return {
    start: () => {
      log.push(`start ${name}`)
      return new Promise<void>((resolve) => (finish = resolve))
    },
    finish: () => finish(),
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('GenerationQueue', () => {
  it('runs jobs one after another, in the order offered', async () => {
    const log: string[] = []
    const queue = new GenerationQueue(4)
    const a = job(log, 'a')
    const b = job(log, 'b')
    queue.offer(a)
    queue.offer(b)
    expect(log).toEqual(['start a'])
    expect(queue.waitingCount).toBe(1)
    a.finish()
    await settle()
    expect(log).toEqual(['start a', 'start b'])
    b.finish()
    await settle()
    expect(queue.busy).toBe(false)
  })

  it('refuses a job when the wait line is full', () => {
    const queue = new GenerationQueue(1)
    expect(queue.offer(job([], 'running'))).toBe(true)
    expect(queue.offer(job([], 'waiting'))).toBe(true)
    expect(queue.offer(job([], 'refused'))).toBe(false)
    expect(queue.waitingCount).toBe(1)
  })

  it('never starts a job withdrawn while it waited', async () => {
    const log: string[] = []
    const queue = new GenerationQueue(4)
    const a = job(log, 'a')
    const gone = job(log, 'gone')
    queue.offer(a)
    queue.offer(gone)
    expect(queue.withdraw(gone)).toBe(true)
    expect(queue.withdraw(a)).toBe(false)
    a.finish()
    await settle()
    expect(log).toEqual(['start a'])
    expect(queue.busy).toBe(false)
  })
})

// Covers the seeded random port: reproducible, in [0, 1), and seed-dependent.
import { expect, test } from 'vitest'
import { seededRandom, virtualClock } from './ports'

test('seededRandom gives the same sequence for the same seed, within [0, 1)', () => {
  const a = seededRandom(42)
  const b = seededRandom(42)
  const first = Array.from({ length: 1000 }, () => a())
  expect(Array.from({ length: 1000 }, () => b())).toEqual(first)
  expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
  expect(new Set(first).size).toBeGreaterThan(990)
  const c = seededRandom(43)
  expect(c()).not.toBe(first[0])
})

test('virtualClock: waiting advances now() at once; an aborted wait rejects', async () => {
  const clock = virtualClock(() => 1_000)
  expect(clock.now()).toBe(1_000)
  await clock.wait(60_000, new AbortController().signal)
  expect(clock.now()).toBe(61_000)
  clock.advance(5)
  expect(clock.now()).toBe(61_005)
  const controller = new AbortController()
  controller.abort(new Error('stop'))
  await expect(clock.wait(10, controller.signal)).rejects.toThrow('stop')
  expect(clock.now()).toBe(61_005)
})

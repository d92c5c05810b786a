// Prepares a worker for msw: its cookie store reads `localStorage`, which workers do not have, and
// without this shim `import 'msw'` throws at load and every comlink call hangs silently.
// Import this module before anything that imports msw.

class MemoryStorage {
  #items = new Map<string, string>()
  get length(): number {
    return this.#items.size
  }
  clear(): void {
    this.#items.clear()
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null
  }
  removeItem(key: string): void {
    this.#items.delete(key)
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value))
  }
}

const scope = globalThis as { localStorage?: unknown }
if (typeof scope.localStorage === 'undefined') scope.localStorage = new MemoryStorage()

export {}

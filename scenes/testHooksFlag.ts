// The one switch for test scaffolding in the pages (the studio's and the stream view's test hooks,
// and the fault injection behind them).

/**
 * Whether a page installs its test hooks: always under Vite's dev server (`npm start`, the e2e
 * harness, the benches), and in a build (`npm run build`) only when the address carries `?test`.
 * A build without it never loads the hooks' code (they are a separate chunk, imported on demand).
 */
export function testHooksWanted(search: string): boolean {
  return import.meta.env.DEV || new URLSearchParams(search).has('test')
}

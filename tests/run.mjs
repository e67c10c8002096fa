#!/usr/bin/env node
// `npm test`: every test of GenAnchor, in one command.
//  1. Makes sure what the tests need from the system is here (Debian's chromium for the browser
//     tests); as root it installs what is missing with apt, otherwise it stops with the exact line.
//  2. Installs npm dependencies when node_modules is missing.
//  3. Type-checks (strict; engine/ alone without DOM types), then runs vitest: unit + e2e.
// Browser tests are never skipped: without a browser this command fails and says why.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** System commands the tests use, and the Debian package that provides each. */
const SYSTEM_NEEDS = [
  { path: '/usr/bin/chromium', pkg: 'chromium', why: 'browser end-to-end tests (WebGL2 and WebGPU on SwiftShader)' },
  { path: '/usr/bin/ffmpeg', pkg: 'ffmpeg', why: 'fake-webcam videos, recording checks and the RTMP relay' },
  { path: '/usr/sbin/nginx', pkg: 'nginx-light', why: 'the RTMP ingest the relay test publishes to' },
  { path: '/usr/lib/nginx/modules/ngx_rtmp_module.so', pkg: 'libnginx-mod-rtmp', why: 'the RTMP module of that ingest' },
  { path: '/usr/sbin/ngircd', pkg: 'ngircd', why: 'the IRC server the Twitch-chat adapter test talks to' },
]

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts })
  if (r.error) throw r.error
  return r.status ?? 1
}

function ensureSystemPackages() {
  const missing = SYSTEM_NEEDS.filter((n) => !existsSync(n.path))
  if (missing.length === 0) return
  const pkgs = missing.map((n) => n.pkg).join(' ')
  const line = `apt-get update && apt-get install -y ${pkgs}`
  for (const n of missing) console.error(`[test] missing ${n.path} (package ${n.pkg}): needed for ${n.why}`)
  if (process.getuid?.() !== 0) {
    console.error(`[test] run as root:  sudo sh -c '${line}'   then run npm test again.`)
    process.exit(1)
  }
  console.error(`[test] installing: ${line}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (run('sh', ['-c', line], { env }) !== 0 || SYSTEM_NEEDS.some((n) => !existsSync(n.path))) {
    console.error('[test] apt-get could not install the packages above; install them and run npm test again.')
    process.exit(1)
  }
}

function ensureNodeModules() {
  if (existsSync(join(root, 'node_modules', '.bin', 'vitest'))) return
  console.error('[test] node_modules is missing: running npm ci')
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' }
  if (run('npm', ['ci', '--no-audit', '--no-fund'], { env }) !== 0) process.exit(1)
}

ensureSystemPackages()
ensureNodeModules()
const bin = (name) => join(root, 'node_modules', '.bin', name)
console.error('[test] type-checking (tsc --noEmit; engine/ without DOM types)')
if (run(bin('tsc'), ['--noEmit']) !== 0 || run(bin('tsc'), ['--noEmit', '-p', 'engine']) !== 0) process.exit(1)
// Extra arguments go to vitest: `npm test -- --project unit`, `npm test -- tests/unit/app.test.ts`.
process.exit(run(bin('vitest'), ['run', ...process.argv.slice(2)]))

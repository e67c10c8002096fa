#!/usr/bin/env node
// `npm test`: every test of GenAnchor, in one command.
//  1. Makes sure what the tests need from the system is here (Debian's chromium for the browser
//     tests); as root it installs what is missing with apt, otherwise it stops with the exact line.
//  2. Installs npm dependencies when node_modules is missing.
//  3. Type-checks (strict; engine/ alone without DOM types), then runs vitest: unit + e2e.
// Browser tests are never skipped: without a browser this command fails and says why.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
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
  { path: 'python3 with venv', present: pythonCanMakeVenvs, pkg: 'python3-venv', why: 'the virtual environment of the Python model pipelines (models/setup.sh)' },
]

/** Whether python3 can create a virtual environment with pip (Debian splits ensurepip into python3-venv). */
function pythonCanMakeVenvs() {
  return spawnSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status === 0
}

/** Whether a system need is met: its file exists, or its own check passes. */
function isPresent(need) {
  return need.present ? need.present() : existsSync(need.path)
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts })
  if (r.error) throw r.error
  return r.status ?? 1
}

function ensureSystemPackages() {
  const missing = SYSTEM_NEEDS.filter((n) => !isPresent(n))
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
  if (run('sh', ['-c', line], { env }) !== 0 || SYSTEM_NEEDS.some((n) => !isPresent(n))) {
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

/**
 * The venv for models/: the repository's .venv if it exists (models/setup.sh's default), else
 * $GENANCHOR_VENV, else ~/.cache/genanchor/venv-<hash of models/requirements.txt>, so CI runs on the same
 * machine share one install and a changed requirements file gets a fresh one. models/setup.sh makes
 * it or checks it (about a second when every pinned version is there).
 */
function ensurePythonEnv() {
  const requirements = readFileSync(join(root, 'models', 'requirements.txt'))
  const hash = createHash('sha256').update(requirements).digest('hex').slice(0, 12)
  const repoVenv = join(root, '.venv')
  const venv = existsSync(join(repoVenv, 'bin', 'python'))
    ? repoVenv
    : (process.env.GENANCHOR_VENV ?? join(homedir(), '.cache', 'genanchor', `venv-${hash}`))
  const fresh = !existsSync(join(venv, 'bin', 'python'))
  console.error(`[test] Python environment for models/: ${venv}` + (fresh ? ' (first install: torch and friends from PyPI, ~6 GB, a few minutes)' : ''))
  if (run('bash', [join(root, 'models', 'setup.sh')], { env: { ...process.env, VENV: venv } }) !== 0) {
    console.error(
      `[test] models/setup.sh could not install models/requirements.txt into ${venv} (pip's message is above). ` +
        'It needs PyPI and ~6 GB of disk; fix that and run npm test again, or run `VENV=<dir> models/setup.sh` yourself ' +
        '(npm test -- --no-python skips the Python tests).',
    )
    process.exit(1)
  }
  return join(venv, 'bin', 'python')
}

const args = process.argv.slice(2)
const withPython = !args.includes('--no-python')
const vitestArgs = args.filter((a) => a !== '--no-python')

ensureSystemPackages()
ensureNodeModules()
const python = withPython ? ensurePythonEnv() : null
const bin = (name) => join(root, 'node_modules', '.bin', name)
console.error('[test] type-checking (tsc --noEmit; engine/ without DOM types)')
if (run(bin('tsc'), ['--noEmit']) !== 0 || run(bin('tsc'), ['--noEmit', '-p', 'engine']) !== 0) process.exit(1)
// Extra arguments go to vitest: `npm test -- --project unit`, `npm test -- tests/unit/app.test.ts`.
const vitest = run(bin('vitest'), ['run', ...vitestArgs])
let pytest = 0
if (python) {
  // One pytest per pipeline: models/gan and models/lm both have data.py, model.py, train.py…, which
  // would shadow each other as top-level modules in a single process.
  const pipelines = readdirSync(join(root, 'models'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(root, 'models', d.name)).some((f) => /^test_.*\.py$/.test(f)))
    .map((d) => join('models', d.name))
  for (const dir of pipelines) {
    console.error(`[test] pytest ${dir} (tiny CPU runs of the pipeline: train, export, parity)`)
    const started = Date.now()
    const status = run(python, ['-m', 'pytest', dir, '-q', '-p', 'no:cacheprovider'])
    console.error(`[test] pytest ${dir} ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    pytest ||= status
  }
}
process.exit(vitest !== 0 ? vitest : pytest)

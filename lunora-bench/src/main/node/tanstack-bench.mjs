// The TanStack DB peer of the lunora-bench chat workload (see docs/benchmarks.md and shared/bench/WORKLOAD.md).
// Usage: node --expose-gc tanstack-bench.mjs [--passes N] [--warmup N] [--deltas N] [--rows N]
// Runs the whole workload PASSES times (fresh collections each time; the earlier passes warm V8's optimising compiler
// up) and prints one JSON object with the last pass's figures on stdout; progress goes to stderr.
import {
  BasicIndex,
  count,
  createCollection,
  createLiveQueryCollection,
  eq,
} from '@tanstack/db'
import { readFileSync } from 'node:fs'

const args = parseArgs(process.argv.slice(2))
const ROWS = args.rows ?? 100_000
const USERS = 1_000
const PASSES = args.passes ?? 3
const WARMUP = args.warmup ?? 500
const DELTAS = args.deltas ?? 1_000
const TIMEOUT_MS = 10_000

function parseArgs(argv) {
  const out = {}
  for (let i = 0; i < argv.length; i += 2) {
    out[argv[i].replace(/^--/, '')] = Number(argv[i + 1])
  }
  return out
}

function message(i, channelId) {
  return {
    _id: `m${i}`,
    channelId: channelId ?? i % 100,
    userId: i % 1000,
    createdAt: i,
    text: `hello world message ${i}`,
  }
}

function log(text) {
  process.stderr.write(`[tanstack] ${text}\n`)
}

// A collection whose sync hands its begin/write/commit to the benchmark, as a server subscription would use them.
function syncedCollection(id, rows, extra = {}) {
  const handle = {}
  const collection = createCollection({
    id,
    getKey: (row) => row._id,
    startSync: true,
    gcTime: 0,
    autoIndex: 'eager',
    defaultIndexType: BasicIndex,
    sync: {
      sync: ({ begin, write, commit, markReady }) => {
        handle.begin = begin
        handle.write = write
        handle.commit = commit
        begin()
        for (const row of rows()) {
          write({ type: 'insert', value: row })
        }
        commit()
        markReady()
      },
    },
    ...extra,
  })
  handle.collection = collection
  handle.apply = (type, value) => {
    handle.begin()
    handle.write({ type, value })
    handle.commit()
  }
  return handle
}

// Fires `resolve` with the callback's time for the first change batch after arm(); later batches are ignored.
function changeProbe(liveCollection) {
  const probe = { pending: null, batches: 0 }
  probe.subscription = liveCollection.subscribeChanges(() => {
    const at = process.hrtime.bigint()
    probe.batches++
    if (probe.pending) {
      const resolve = probe.pending
      probe.pending = null
      resolve(at)
    }
  })
  probe.arm = () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change callback within timeout')), TIMEOUT_MS)
    probe.pending = (at) => {
      clearTimeout(timer)
      resolve(at)
    }
  })
  return probe
}

function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]
}

function summary(samplesNs) {
  const sorted = Float64Array.from(samplesNs, (ns) => Number(ns) / 1000).sort()
  return { n: sorted.length, p50_us: percentile(sorted, 0.5), p99_us: percentile(sorted, 0.99) }
}

// Runs WARMUP discarded then DELTAS measured deltas; each is timed from the commit call to the change callback.
async function measure(name, probe, delta, settle = async () => {}) {
  const samples = []
  for (let k = 0; k < WARMUP + DELTAS; k++) {
    const fired = probe.arm()
    const start = process.hrtime.bigint()
    delta(k)
    const at = await fired
    if (k >= WARMUP) {
      samples.push(at - start)
    }
    await settle()
  }
  const figures = summary(samples)
  log(`${name}: p50 ${figures.p50_us.toFixed(1)} us, p99 ${figures.p99_us.toFixed(1)} us`)
  return figures
}

async function initial(build) {
  const start = process.hrtime.bigint()
  const live = build()
  await live.preload()
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  return { live, ms }
}

function w1Query(messages) {
  return createLiveQueryCollection({
    startSync: true,
    gcTime: 0,
    query: (q) => q.from({ m: messages })
      .where(({ m }) => eq(m.channelId, 7))
      .orderBy(({ m }) => m.createdAt, 'desc')
      .limit(50),
  })
}

async function main() {
  let figures = null
  for (let pass = 1; pass <= PASSES; pass++) {
    log(`pass ${pass} of ${PASSES}`)
    figures = await runPass(pass)
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

// One pass of the whole workload on collections of its own, cleaned up at the end so the next pass starts afresh.
async function runPass(pass) {
  const figures = {
    side: 'tanstack-db',
    engine: `@tanstack/db ${tanstackVersion()}`,
    runtime: `node ${process.version}`,
  }
  let next = ROWS
  let messages = null

  const loadStart = process.hrtime.bigint()
  messages = syncedCollection(`messages-${pass}`, function* () {
    for (let i = 0; i < ROWS; i++) yield message(i)
  }, {
    // w4: the "server" acknowledges an optimistic insert by syncing the same row, as a subscription would.
    onInsert: async ({ transaction }) => {
      messages.begin()
      for (const mutation of transaction.mutations) messages.write({ type: 'insert', value: mutation.modified })
      messages.commit()
    },
  })
  const users = syncedCollection(`users-${pass}`, function* () {
    for (let u = 0; u < USERS; u++) yield { _id: u, name: `user${u}` }
  })
  await Promise.all([messages.collection.preload(), users.collection.preload()])
  figures.load_ms = Number(process.hrtime.bigint() - loadStart) / 1e6
  log(`load: ${figures.load_ms.toFixed(1)} ms`)

  // w1
  const w1 = await initial(() => w1Query(messages.collection))
  figures.w1_initial_ms = w1.ms
  figures.w1_rows = w1.live.size
  const w1Probe = changeProbe(w1.live)
  figures.w1_delta = await measure('w1 delta', w1Probe, () => messages.apply('insert', message(next++, 7)))
  figures.w1_rows_after = w1.live.size
  w1Probe.subscription.unsubscribe()
  await w1.live.cleanup()

  // w2
  const w2 = await initial(() => createLiveQueryCollection({
    startSync: true,
    gcTime: 0,
    query: (q) => q.from({ m: messages.collection })
      .join({ u: users.collection }, ({ m, u }) => eq(m.userId, u._id), 'left')
      .where(({ m }) => eq(m.channelId, 8))
      .orderBy(({ m }) => m.createdAt, 'asc')
      .select(({ m, u }) => ({ id: m._id, text: m.text, author: u.name })),
  }))
  figures.w2_initial_ms = w2.ms
  figures.w2_rows = w2.live.size
  const w2Probe = changeProbe(w2.live)
  figures.w2_insert_delta = await measure('w2 insert delta', w2Probe,
    () => messages.apply('insert', message(next++, 8)))
  figures.w2_rename_delta = await measure('w2 rename delta', w2Probe,
    (k) => users.apply('update', { _id: 8, name: `user8 renamed ${k}` }))
  w2Probe.subscription.unsubscribe()
  await w2.live.cleanup()

  // w3
  const w3 = await initial(() => createLiveQueryCollection({
    startSync: true,
    gcTime: 0,
    query: (q) => q.from({ m: messages.collection })
      .groupBy(({ m }) => m.channelId)
      .select(({ m }) => ({ channelId: m.channelId, count: count(m._id) })),
  }))
  figures.w3_initial_ms = w3.ms
  figures.w3_rows = w3.live.size
  const w3Probe = changeProbe(w3.live)
  figures.w3_delta = await measure('w3 delta', w3Probe, () => messages.apply('insert', message(next++)))
  w3Probe.subscription.unsubscribe()
  await w3.live.cleanup()

  // w4: the collection's own optimistic insert, visible in w1; the acknowledgement is applied outside the timing.
  const w4 = await initial(() => w1Query(messages.collection))
  const w4Probe = changeProbe(w4.live)
  let transaction = null
  figures.w4_visible = await measure('w4 optimistic visible', w4Probe, () => {
    transaction = messages.collection.insert(message(next++, 7))
  }, async () => {
    await transaction.isPersisted.promise
    await new Promise((resolve) => setImmediate(resolve))
  })
  w4Probe.subscription.unsubscribe()
  await w4.live.cleanup()

  figures.messages_rows = messages.collection.size
  if (global.gc) {
    global.gc()
    global.gc()
  }
  figures.heap_mb = process.memoryUsage().heapUsed / (1024 * 1024)
  log(`heap: ${figures.heap_mb.toFixed(1)} MB`)
  await Promise.all([messages.collection.cleanup(), users.collection.cleanup()])
  return figures
}

function tanstackVersion() {
  const url = new URL('./node_modules/@tanstack/db/package.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')).version
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error.stack ?? error}\n`)
  process.exit(1)
})

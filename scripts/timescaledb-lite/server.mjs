// TimescaleDB over the PostgreSQL wire protocol, for tests: `node server.mjs PORT`.
// PGlite is one PostgreSQL session (no postmaster), so clients take turns: pglite-socket queues a
// second connection until the first closes. Each new client gets a clean session (no prepared
// statements, locks or open transaction left by the last one), as a real server would give it.
// Prints "ready PORT" once it accepts connections; SIGTERM stops it.
import { PGlite } from '@electric-sql/pglite'
import { timescaledb } from '@electric-sql/pglite/timescaledb'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const port = Number(process.argv[2] || 5433)
const db = await PGlite.create({ extensions: { timescaledb } })
// PGlite has no shared_preload_libraries: the extension is created up front (as the timescaledb
// images do in their init script), so the migrations see it in pg_extension
await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb')

async function freshSession() {
  try { await db.exec('ROLLBACK') } catch { /* no transaction was open */ }
  await db.exec('DISCARD ALL')
  // PGlite's reset value of search_path is pg_catalog; a PostgreSQL session starts with this one
  await db.exec('SET search_path TO "$user", public')
}

class SessionPerClientServer extends PGLiteSocketServer {
  async attachSocketToNewHandler(socket, info) {
    await freshSession()
    // pglite-socket keeps the socket open after a client's Terminate ('X', length 4), so the next
    // queued client would wait for ever: end it here
    socket.prependListener('data', (chunk) => {
      const n = chunk.length
      if (n >= 5 && chunk[n - 5] === 0x58 && chunk.readInt32BE(n - 4) === 4) setImmediate(() => socket.end())
    })
    return super.attachSocketToNewHandler(socket, info)
  }
}

const server = new SessionPerClientServer({ db, port, host: '127.0.0.1' })
await server.start()
console.log(`ready ${port}`)
const stop = async () => { await server.stop(); await db.close(); process.exit(0) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

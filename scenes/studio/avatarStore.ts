// The last avatar the performer accepted, kept in IndexedDB (file bytes and name) so a reload
// brings it back. One record; "Reset to default anchor" deletes it.

const DB_NAME = 'genanchor-studio'
const DB_VERSION = 1
const STORE = 'avatars'
const KEY = 'current'

/** An avatar file as stored: its name and bytes. */
export interface StoredAvatar {
  readonly name: string
  readonly bytes: ArrayBuffer
  /** When it was accepted (ms since the epoch). */
  readonly savedAtMs: number
}

/** Remembers `avatar` as the current one, replacing any earlier one. */
export async function saveAvatar(avatar: StoredAvatar): Promise<void> {
  await inStore('readwrite', (store) => store.put(avatar, KEY))
}

/** The remembered avatar, or null when there is none (or the stored record is not one). */
export async function readSavedAvatar(): Promise<StoredAvatar | null> {
  const value = await inStore('readonly', (store) => store.get(KEY))
  if (!value || typeof value !== 'object') return null
  const record = value as Partial<StoredAvatar>
  return typeof record.name === 'string' && record.bytes instanceof ArrayBuffer
    ? { name: record.name, bytes: record.bytes, savedAtMs: record.savedAtMs ?? 0 }
    : null
}

/** Forgets the remembered avatar. */
export async function forgetSavedAvatar(): Promise<void> {
  await inStore('readwrite', (store) => store.delete(KEY))
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** Runs one request in a transaction and resolves with its result once the transaction commits. */
async function inStore(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
  const db = await openDb()
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode)
      const request = act(tx.objectStore(STORE))
      tx.oncomplete = () => resolve(request.result)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
  } finally {
    db.close()
  }
}

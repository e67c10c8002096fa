// The viewer chat page's script (served as is, no build step). Every message is shown with
// textContent only: chat text never becomes HTML.
const log = document.getElementById('log')
const state = document.getElementById('state')
const form = document.getElementById('form')
const nameInput = document.getElementById('name')
const textInput = document.getElementById('text')
const MAX_LINES = 200

nameInput.value = localStorage.getItem('genanchor-chat-name') ?? ''

/** Appends one line: who, then what, both as plain text. */
function show(kind, who, text) {
  const li = document.createElement('li')
  li.className = kind
  const name = document.createElement('span')
  name.className = 'who'
  name.textContent = who
  const body = document.createElement('span')
  body.textContent = text
  li.append(name, body)
  log.append(li)
  while (log.children.length > MAX_LINES) log.firstElementChild.remove()
  li.scrollIntoView({ block: 'end' })
}

let socket = null
let retryMs = 1000

function connect() {
  const url = new URL('/chat', location.href)
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  socket = new WebSocket(url)
  socket.onopen = () => {
    state.textContent = 'Connected'
    retryMs = 1000
  }
  socket.onmessage = (event) => {
    let message
    try {
      message = JSON.parse(event.data)
    } catch {
      return
    }
    if (message.type === 'chat') show('viewer', String(message.viewer), String(message.text))
    else if (message.type === 'host') show('host', 'Host', String(message.text))
    else if (message.type === 'error') show('note', '', `Not sent: ${String(message.reason)}`)
  }
  socket.onclose = () => {
    state.textContent = `Disconnected; retrying in ${Math.round(retryMs / 1000)} s`
    setTimeout(connect, retryMs)
    retryMs = Math.min(retryMs * 2, 30000)
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const viewer = nameInput.value.trim()
  const text = textInput.value.trim()
  if (!viewer || !text || socket?.readyState !== WebSocket.OPEN) return
  localStorage.setItem('genanchor-chat-name', viewer)
  socket.send(JSON.stringify({ type: 'chat', viewer, text }))
  textInput.value = ''
})

connect()

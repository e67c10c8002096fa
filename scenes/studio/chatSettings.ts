// The chat panel's settings: where the host's replies come from (the shipped model, a hub model, or an
// OpenAI-compatible server with its address, key and model name). Applying reloads the dialogue.
import type { World } from '../../engine/index.ts'
import { DialogueSettings, SHIPPED_MODEL, reloadDialogue } from '../../systems/dialogue/index.ts'
import { button, el, input, select, type Labelled } from './ui.ts'

/** The choices the panel offers; each maps onto `DialogueSettings.backend` and `.model`. */
const Source = { shipped: 'shipped', hub: 'hub', openai: 'openai' } as const
type Source = (typeof Source)[keyof typeof Source]

/** A small chat model in the transformers.js layout, suggested for the hub choice (int8, ~0.5 GB). */
const SUGGESTED_HUB_MODEL = 'onnx-community/Qwen2.5-0.5B-Instruct'

/** The source the settings describe now. */
function currentSource(settings: DialogueSettings): Source {
  if (settings.backend === 'openai') return Source.openai
  return settings.model.kind === 'hub' ? Source.hub : Source.shipped
}

/** Builds the settings form (a closed `<details>`) and wires `Apply` to write `DialogueSettings` and reload the dialogue. */
export function createChatSettings(world: World): HTMLDetailsElement {
  const settings = world.resource(DialogueSettings)
  const source = labelled('Replies from', select('chat-source', [
    [Source.shipped, 'the shipped model (offline, in this browser)'],
    [Source.hub, 'a Hugging Face hub model (online, in this browser)'],
    [Source.openai, 'an OpenAI-compatible server (Ollama, vLLM, npm run serve:lm)'],
  ]))
  source.input.value = currentSource(settings)
  const hubId = field('chat-hub-id', 'Hub model id', 'text', settings.model.kind === 'hub' ? settings.model.id : SUGGESTED_HUB_MODEL)
  const baseUrl = field('chat-openai-url', 'Server address (…/v1)', 'url', settings.openai.baseUrl)
  const apiKey = field('chat-openai-key', 'API key (empty for local servers)', 'password', settings.openai.apiKey)
  const model = field('chat-openai-model', 'Model name (empty: the server\u2019s first)', 'text', settings.openai.model)
  const form = el('form', {}, source.label, hubId.label, baseUrl.label, apiKey.label, model.label, button('chat-settings-apply', 'Apply', true))
  const box = el('details', { id: 'chat-settings' }, el('summary', { text: 'Model' }), form)

  const showFields = () => {
    hubId.label.hidden = source.input.value !== Source.hub
    for (const f of [baseUrl, apiKey, model]) f.label.hidden = source.input.value !== Source.openai
  }
  source.input.addEventListener('change', showFields)
  showFields()
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const chosen = source.input.value as Source
    settings.backend = chosen === Source.openai ? 'openai' : 'transformers'
    if (chosen === Source.shipped) {
      settings.model = SHIPPED_MODEL
      settings.dtype = 'fp32'
    } else if (chosen === Source.hub) {
      settings.model = { kind: 'hub', id: hubId.input.value.trim() || SUGGESTED_HUB_MODEL }
      // Hub chat models are big; their int8 file is the one worth downloading.
      settings.dtype = 'q8'
    }
    settings.openai = { ...settings.openai, baseUrl: baseUrl.input.value.trim(), apiKey: apiKey.input.value.trim(), model: model.input.value.trim() }
    reloadDialogue(world)
  })
  return box
}

function labelled<T extends HTMLElement>(text: string, control: T): Labelled<T> {
  return { label: el('label', {}, text, control), input: control }
}

function field(id: string, text: string, type: string, value: string): Labelled<HTMLInputElement> {
  const i = input(id, type)
  i.value = value
  return labelled(text, i)
}

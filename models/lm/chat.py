"""The chat format shared by the corpus, training, evaluation and the exported tokenizer_config.json.

A conversation is rendered as `<|system|>…<|end|><|user|>…<|end|><|assistant|>…<|end|>` with no
separators, the same string the Jinja `CHAT_TEMPLATE` produces in transformers.js. Viewer lines are
`"<viewer name>: <message>"`; gift events are plain event lines such as `"小明 送出了 3 个火箭"`.
"""

PAD = "<|endoftext|>"
SYSTEM, USER, ASSISTANT, END = "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"
SPECIAL_TOKENS = [PAD, SYSTEM, USER, ASSISTANT, END]
ROLE_TOKEN = {"system": SYSTEM, "user": USER, "assistant": ASSISTANT}

CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)


def sanitize(text):
    """Viewer text with the special-token markers broken up. The tokenizer turns the literal string
    "<|assistant|>" into the special token, so unsanitised chat could forge a turn; the runtime
    must do the same before applying the chat template."""
    return text.replace("<|", "<\u200b|").replace("|>", "|\u200b>")


def render(messages, add_generation_prompt=False):
    """The prompt string for a list of {role, content} messages (same as CHAT_TEMPLATE)."""
    text = "".join(ROLE_TOKEN[m["role"]] + m["content"] + END for m in messages)
    return text + (ASSISTANT if add_generation_prompt else "")


def encode_chat(tokenizer, messages):
    """Token ids of a conversation and a parallel 0/1 mask of the tokens an assistant wrote
    (its content and closing <|end|>), for loss on replies only.

    Each piece is encoded on its own: special tokens split the text before BPE, so this equals
    encoding the whole rendered string (checked in test_pipeline.py)."""
    ids, mask = [], []
    end_id = tokenizer.token_to_id(END)
    for m in messages:
        content = tokenizer.encode(m["content"], add_special_tokens=False).ids
        is_reply = 1 if m["role"] == "assistant" else 0
        ids += [tokenizer.token_to_id(ROLE_TOKEN[m["role"]])] + content + [end_id]
        mask += [0] + [is_reply] * (len(content) + 1)
    return ids, mask

"""Generates the bilingual (Chinese + English) live-stream host dialogue corpus.

    python models/lm/data.py                      # -> models/lm/data/ (seconds, deterministic)
    python models/lm/data.py --seed 1 --out /tmp/corpus

Every sample is rendered from templates.py: a template family (one way of phrasing one intent in one
language) x slot values (viewer names, gifts, products, games, ...) x paraphrase alternatives. The
split is by family: in each intent and language the last family is the test split, the one before
it validation, the others train, so test scores measure generalisation to unseen phrasings.

Writes, per split (train, validation, test):
  {split}_dialogues.jsonl  whole multi-turn streams (system prompt + 2-5 exchanges), for pretraining
  {split}_chat.jsonl       one reply to predict (system + optional history + viewer line -> reply);
                           validation/test rows also carry `references`: the family's other
                           phrasings of the same reply, for multi-reference BLEU
  stats.json               unique sample counts and the size of the template space
"""
import argparse
import json
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path

from templates import EVENT_INTENTS, FACTS, FAMILIES, SLOTS, SYSTEM

HERE = Path(__file__).resolve().parent
SPLITS = ("train", "validation", "test")
CHOICE = re.compile(r"\[([^\]]*)\]")
SLOT = re.compile(r"\{(\w+)\}")
# Slots that stay fixed for a whole stream (they are stated in the system prompt).
STREAM_SLOTS = ("game", "product", "price")


@dataclass(frozen=True)
class Family:
    """One phrasing family: viewer templates and host reply templates for one intent and language."""
    id: str
    intent: str
    lang: str
    users: tuple
    replies: tuple
    split: str


def families():
    """All families with their split: last of each (intent, language) is test, the one before validation."""
    out = []
    for intent, by_lang in FAMILIES.items():
        for lang, fams in by_lang.items():
            assert len(fams) >= 3, f"{intent}/{lang} needs at least 3 families to split"
            for i, (users, replies) in enumerate(fams):
                split = "test" if i == len(fams) - 1 else "validation" if i == len(fams) - 2 else "train"
                out.append(Family(f"{intent}.{lang}.{i}", intent, lang, tuple(users), tuple(replies), split))
    return out


def expand(template, slots, rng):
    """Picks one alternative in each [a|b] group, then fills {slot}s."""
    text = CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return text.format(**slots)


def polish(text, lang):
    """English replies start with a capital even when a slot (a persona fact) opens them."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def stream_slots(lang, rng):
    """Slot values fixed for one stream: today's game and product."""
    return {k: rng.choice(SLOTS[lang][k]) for k in STREAM_SLOTS}


def turn_slots(lang, base, rng):
    """Slot values for one exchange: a viewer, a gift, a persona fact, ... plus the stream's."""
    slots = {k: rng.choice(v) for k, v in SLOTS[lang].items() if k not in STREAM_SLOTS}
    slots["fact_q"], slots["fact_a"] = rng.choice(FACTS[lang])
    return {**slots, **base}


def viewer_line(family, slots, rng):
    """What the host sees: '<viewer>: <message>', or a gift event line as is."""
    text = expand(rng.choice(family.users), slots, rng)
    return text if family.intent in EVENT_INTENTS else f"{slots['viewer']}: {text}"


def exchange(family, slots, rng):
    """One viewer message and the host's reply as chat messages."""
    reply = polish(expand(rng.choice(family.replies), slots, rng), family.lang)
    return [{"role": "user", "content": viewer_line(family, slots, rng)},
            {"role": "assistant", "content": reply}]


def references(family, slots, rng, draws=4, cap=8):
    """Distinct renderings of the family's replies for the same slots (BLEU references)."""
    refs = []
    for template in family.replies:
        for _ in range(draws):
            text = polish(expand(template, slots, rng), family.lang)
            if text not in refs:
                refs.append(text)
    return refs[:cap]


def system_message(lang, base, rng):
    return {"role": "system", "content": rng.choice(SYSTEM[lang]).format(**base)}


def chat_samples(fams, pool, n_per_family, with_refs, history_p, rng):
    """n_per_family single-reply samples per family; with probability history_p one earlier
    exchange from the pool (same split and language) comes first, as the runtime sends history."""
    rows, seen = [], set()
    for fam in fams:
        for _ in range(n_per_family):
            base = stream_slots(fam.lang, rng)
            messages = [system_message(fam.lang, base, rng)]
            if rng.random() < history_p:
                prev = rng.choice(pool[fam.lang])
                messages += exchange(prev, turn_slots(fam.lang, base, rng), rng)
            slots = turn_slots(fam.lang, base, rng)
            messages += exchange(fam, slots, rng)
            key = json.dumps(messages, ensure_ascii=False)
            if key in seen:
                continue
            seen.add(key)
            row = {"lang": fam.lang, "intent": fam.intent, "family": fam.id, "messages": messages}
            if with_refs:
                row["references"] = references(fam, slots, rng)
                if messages[-1]["content"] not in row["references"]:
                    row["references"][-1] = messages[-1]["content"]
            rows.append(row)
    return rows


def dialogues(pool, n, rng):
    """n whole streams: system prompt, often a greeting first, 2-5 exchanges, sometimes a farewell."""
    rows, seen = [], set()
    for _ in range(n * 2):
        if len(rows) == n:
            break
        lang = rng.choice(sorted(pool))
        by_intent = {}
        for fam in pool[lang]:
            by_intent.setdefault(fam.intent, []).append(fam)
        middle = [f for f in pool[lang] if f.intent not in ("greeting", "farewell")]
        k = rng.randint(2, 5)
        chosen = [rng.choice(middle) for _ in range(k)]
        if rng.random() < 0.6:
            chosen[0] = rng.choice(by_intent["greeting"])
        if rng.random() < 0.3:
            chosen[-1] = rng.choice(by_intent["farewell"])
        base = stream_slots(lang, rng)
        messages = [system_message(lang, base, rng)]
        for fam in chosen:
            messages += exchange(fam, turn_slots(lang, base, rng), rng)
        key = json.dumps(messages, ensure_ascii=False)
        if key not in seen:
            seen.add(key)
            rows.append({"lang": lang, "intent": "dialogue", "families": [f.id for f in chosen],
                         "messages": messages})
    return rows


def renderings(template):
    """How many distinct strings the [a|b] groups of a template can give (before slots)."""
    return math.prod(len(m.split("|")) for m in CHOICE.findall(template))


def template_space(fam):
    """Distinct (viewer line, reply) pairs one family can produce across all slot values."""
    text = " ".join(fam.users + fam.replies)
    slots = set(SLOT.findall(text)) | ({"viewer"} if fam.intent not in EVENT_INTENTS else set())
    sizes = [len(FACTS[fam.lang]) if s == "fact_a" else len(SLOTS[fam.lang][s])
             for s in slots if s != "fact_q"]
    return sum(map(renderings, fam.users)) * sum(map(renderings, fam.replies)) * math.prod(sizes)


def build(seed, chat_per_family, eval_per_family, n_dialogues):
    """The whole corpus: {split: {"chat": rows, "dialogues": rows}} and its statistics."""
    rng = random.Random(seed)
    fams = families()
    corpus, stats = {}, {"seed": seed, "splits": {}}
    for split in SPLITS:
        in_split = [f for f in fams if f.split == split]
        pool = {lang: [f for f in in_split if f.lang == lang] for lang in sorted({f.lang for f in in_split})}
        is_train = split == "train"
        chat = chat_samples(in_split, pool, chat_per_family if is_train else eval_per_family,
                            with_refs=not is_train, history_p=0.3 if is_train else 0.0, rng=rng)
        dlg = dialogues(pool, n_dialogues[split], rng)
        corpus[split] = {"chat": chat, "dialogues": dlg}
        stats["splits"][split] = {
            "families": len(in_split),
            "unique_chat_samples": len(chat),
            "unique_dialogues": len(dlg),
            "unique_exchanges_in_dialogues": len({json.dumps(m, ensure_ascii=False)
                                                  for d in dlg for m in zip(d["messages"][1::2], d["messages"][2::2])}),
            "chat_by_lang": {lang: sum(r["lang"] == lang for r in chat) for lang in pool},
            "possible_exchanges": sum(template_space(f) for f in in_split),
        }
    stats["families_by_split"] = {s: [f.id for f in fams if f.split == s] for s in SPLITS}
    return corpus, stats


def write(corpus, stats, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for split, parts in corpus.items():
        for kind, rows in parts.items():
            with open(out / f"{split}_{kind}.jsonl", "w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(HERE / "data"), help="output folder (default models/lm/data)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--chat-per-family", type=int, default=500, help="train chat samples per family (default 500)")
    ap.add_argument("--eval-per-family", type=int, default=40, help="validation/test samples per family (default 40)")
    ap.add_argument("--dialogues", type=int, default=8000, help="train dialogues (default 8000; 400 for validation/test)")
    args = ap.parse_args()
    n_dialogues = {"train": args.dialogues, "validation": max(1, args.dialogues // 20), "test": max(1, args.dialogues // 20)}
    corpus, stats = build(args.seed, args.chat_per_family, args.eval_per_family, n_dialogues)
    write(corpus, stats, args.out)
    for split, s in stats["splits"].items():
        print(f"{split:>10}: {s['families']} families, {s['unique_chat_samples']} chat samples, "
              f"{s['unique_dialogues']} dialogues ({s['unique_exchanges_in_dialogues']} distinct exchanges), "
              f"{s['possible_exchanges']:.2e} possible exchanges")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()

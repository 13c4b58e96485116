"""Checks the extension's exports with the tools they are for (run by test/unit/interchange/python.test.ts).

    python check_exports.py spacy FILE.jsonl
    python check_exports.py conll FILE.conll EXPECTED.json
    python check_exports.py w3c FILE.jsonld CONTEXT.jsonld
    python check_exports.py brat FOLDER

Prints one JSON object: {"checked": n, "failures": [...]}; exits 1 when anything failed.
"""
import json
import os
import subprocess
import sys
import tempfile


def check_spacy(path):
    import spacy

    nlp = spacy.blank("en")
    checked, failures = 0, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            doc = nlp.make_doc(record["text"])
            for s in record["spans"]:
                checked += 1
                span = doc.char_span(s["start"], s["end"], label=s["label"], kb_id=s.get("kb_id", ""))
                if span is None:
                    failures.append(f"line {n}: no span at {s['start']}:{s['end']} {record['text'][s['start']:s['end']]!r}")
                elif span.text != s["text"] or span.label_ != s["label"] or span.kb_id_ != s.get("kb_id", ""):
                    failures.append(f"line {n}: {span.text!r}/{span.label_}/{span.kb_id_} != {s['text']!r}/{s['label']}/{s.get('kb_id')}")
    return checked, failures


def check_conll(path, expected_path):
    """spaCy's own converter reads the file; its documents must hold the expected entities."""
    from spacy.tokens import DocBin
    import spacy

    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run(
            [sys.executable, "-m", "spacy", "convert", "--converter", "ner", path, out],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            return 0, [f"spacy convert failed: {r.stderr or r.stdout}"]
        files = [f for f in os.listdir(out) if f.endswith(".spacy")]
        if len(files) != 1:
            return 0, [f"spacy convert wrote {files}"]
        docs = list(DocBin().from_disk(os.path.join(out, files[0])).get_docs(spacy.blank("xx").vocab))
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    failures = []
    if len(docs) != len(expected):
        failures.append(f"{len(docs)} documents converted, {len(expected)} expected")
    checked = 0
    for i, (doc, want) in enumerate(zip(docs, expected)):
        got = [[e.start, e.end, e.label_, e.text] for e in doc.ents]
        checked += len(want["entities"])
        if len(doc) != want["tokens"]:
            failures.append(f"document {i + 1}: {len(doc)} tokens")
        if got != [w[:4] for w in want["entities"]]:
            failures.append(f"document {i + 1}: {got[:5]}… != {want['entities'][:5]}…")
    return checked, failures


def check_w3c(path, context_path):
    """rdflib reads the JSON-LD; the remote context is mapped to the local copy (no network here)."""
    import rdflib
    from rdflib.namespace import RDF

    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)["@context"]
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("@context") != "http://www.w3.org/ns/anno.jsonld":
        return 0, [f"unexpected @context {data.get('@context')!r}"]
    data["@context"] = context
    g = rdflib.Graph()
    g.parse(data=json.dumps(data), format="json-ld", base="file:///corpus/")
    OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
    AS = rdflib.Namespace("http://www.w3.org/ns/activitystreams#")
    failures = []
    items = data["first"]["items"]
    annotations = set(g.subjects(RDF.type, OA.Annotation))
    if len(annotations) != len(items):
        failures.append(f"{len(annotations)} oa:Annotation in the graph, {len(items)} items in the file")
    if (None, RDF.type, AS.OrderedCollection) not in g:
        failures.append("no as:OrderedCollection")
    by_id = {item["id"]: item for item in items}
    for a in annotations:
        item = by_id.get(str(a))
        if item is None:
            failures.append(f"{a} not in the file")
            continue
        if (a, OA.motivatedBy, OA.tagging) not in g:
            failures.append(f"{a}: not motivated by oa:tagging")
        target = g.value(a, OA.hasTarget)
        pos = quote = None
        for sel in g.objects(target, OA.hasSelector):
            if (sel, RDF.type, OA.TextPositionSelector) in g:
                pos = (int(g.value(sel, OA.start)), int(g.value(sel, OA.end)))
            if (sel, RDF.type, OA.TextQuoteSelector) in g:
                quote = str(g.value(sel, OA.exact))
        want = item["target"]["selector"]
        if pos != (want[1]["start"], want[1]["end"]) or quote != want[0]["exact"]:
            failures.append(f"{a}: selectors read as {pos} {quote!r}")
        bodies = {str(g.value(b, OA.hasPurpose)): b for b in g.objects(a, OA.hasBody)}
        tag = bodies.get(str(OA.tagging))
        if tag is None or str(g.value(tag, RDF.value)) != item["body"][0]["value"]:
            failures.append(f"{a}: tagging body missing or wrong")
        for b in item["body"][1:]:
            node = bodies.get(str(OA[b["purpose"]]))
            if node is None:
                failures.append(f"{a}: no {b['purpose']} body")
            elif b["purpose"] == "identifying" and str(g.value(node, OA.hasSource)) != b["source"]:
                failures.append(f"{a}: identifying source {g.value(node, OA.hasSource)} != {b['source']}")
            elif b["purpose"] == "commenting" and str(g.value(node, RDF.value)) != b["value"]:
                failures.append(f"{a}: comment reads as {g.value(node, RDF.value)!r}")
    return len(annotations), failures


def check_brat(folder):
    checked, failures = 0, []
    for root, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".ann"):
                continue
            ann = os.path.join(root, name)
            # As brat's server reads it: UTF-8, no newline translation.
            with open(ann[:-4] + ".txt", encoding="utf-8", newline="") as f:
                text = f.read()
            with open(ann, encoding="utf-8", newline="") as f:
                for n, line in enumerate(f.read().split("\n"), 1):
                    if not line.startswith("T"):
                        continue
                    tid, middle, quote = line.split("\t")
                    frags = [tuple(map(int, p.split(" "))) for p in middle.split(" ", 1)[1].split(";")]
                    got = " ".join(text[s:e] for s, e in frags)
                    checked += 1
                    if got != quote:
                        failures.append(f"{os.path.relpath(ann, folder)}:{n}: {quote!r} but the .txt has {got!r}")
    return checked, failures


def main():
    kind, args = sys.argv[1], sys.argv[2:]
    checked, failures = {"spacy": check_spacy, "conll": check_conll, "w3c": check_w3c, "brat": check_brat}[kind](*args)
    print(json.dumps({"checked": checked, "failures": failures[:50]}))
    sys.exit(1 if failures or checked == 0 else 0)


if __name__ == "__main__":
    main()

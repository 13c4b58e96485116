"""Independent figures for test/unit/agreement/python.test.ts.

Reads {"documents": [{"tokens": [{"a", "b"}...], "spansA": [...], "spansB": [...]}], "types": [...]}
on stdin and prints, computed by scikit-learn (Cohen's kappa), NLTK (Krippendorff's alpha) and,
when it is installed, nervaluate (span schemes): per document, pooled, and per type.
"""
import json
import math
import sys
import warnings

warnings.simplefilter("ignore")
from sklearn.metrics import cohen_kappa_score  # noqa: E402
from nltk.metrics.agreement import AnnotationTask  # noqa: E402


def finite(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def kappa(a, b):
    if not a:
        return None
    return finite(cohen_kappa_score(a, b))


def alpha(a, b):
    if not a:
        return None
    data = [("A", i, x) for i, x in enumerate(a)] + [("B", i, y) for i, y in enumerate(b)]
    try:
        return finite(AnnotationTask(data=data).alpha())
    except ZeroDivisionError:
        return None


def krippendorff_alpha(a, b):
    """The krippendorff package's nominal alpha, where it is installed (None otherwise)."""
    try:
        import krippendorff
    except ImportError:
        return None
    codes = {label: i for i, label in enumerate(sorted(set(a) | set(b)))}
    if len(codes) < 2:
        return None  # the package refuses data with one value only
    return float(krippendorff.alpha(reliability_data=[[codes[x] for x in a], [codes[y] for y in b]], level_of_measurement="nominal"))


def nervaluate_scores(docs):
    try:
        from nervaluate import Evaluator  # noqa: F401
    except ImportError:
        return None
    try:
        from nervaluate.strategies import StrictEvaluation, PartialEvaluation, EntityTypeEvaluation, ExactEvaluation
        from nervaluate.entities import Entity
    except ImportError:
        from nervaluate.evaluation_strategies import StrictEvaluation, PartialEvaluation, EntityTypeEvaluation, ExactEvaluation
        from nervaluate.entities import Entity
    strategies = {"strict": StrictEvaluation(), "exact": ExactEvaluation(), "partial": PartialEvaluation(), "type": EntityTypeEvaluation()}
    out = {}
    for name, strategy in strategies.items():
        totals = {"correct": 0, "incorrect": 0, "partial": 0, "missing": 0, "spurious": 0}
        for d in docs:
            # nervaluate's offsets are inclusive.
            true = [Entity(s["type"], s["start"], s["end"] - 1) for s in d["spansA"]]
            pred = [Entity(s["type"], s["start"], s["end"] - 1) for s in d["spansB"]]
            tags = sorted({e.label for e in true + pred})
            r, _ = strategy.evaluate(true, pred, tags)
            for k, attr in (("correct", "correct"), ("incorrect", "incorrect"), ("partial", "partial"), ("missing", "missed"), ("spurious", "spurious")):
                totals[k] += getattr(r, attr)
        out[name] = totals
    return out


def main():
    req = json.load(sys.stdin)
    docs = req["documents"]
    per_doc = []
    all_a, all_b = [], []
    for d in docs:
        a = [t["a"] for t in d["tokens"]]
        b = [t["b"] for t in d["tokens"]]
        all_a += a
        all_b += b
        per_doc.append({"kappa": kappa(a, b), "alpha": alpha(a, b)})
    by_type = {}
    for t in req["types"]:
        a = [x == t for x in all_a]
        b = [y == t for y in all_b]
        by_type[t] = {"kappa": kappa(a, b), "alpha": alpha(a, b)}
    import sklearn
    import nltk
    print(json.dumps({
        "versions": {"sklearn": sklearn.__version__, "nltk": nltk.__version__},
        "documents": per_doc,
        "overall": {"kappa": kappa(all_a, all_b), "alpha": alpha(all_a, all_b), "krippendorff": krippendorff_alpha(all_a, all_b)},
        "byType": by_type,
        "nervaluate": nervaluate_scores(docs),
    }))


main()

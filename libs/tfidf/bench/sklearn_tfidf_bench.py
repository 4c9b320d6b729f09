#!/usr/bin/python3
"""One measured run of scikit-learn's TfidfVectorizer (default settings) for tfidf.bench.ts.

usage: sklearn_tfidf_bench.py LINES_FILE fit_transform|fit_then_transform [--tracemalloc]
Prints one JSON object: seconds, vocabulary size, sha256 of the feature names, nnz, data sum,
RSS before the run and peak RSS (ru_maxrss), and with --tracemalloc the traced peak (that
mode slows Python down, so the bench runs it separately from the timed runs).
"""
import hashlib
import json
import os
import resource
import sys
import time


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main():
    path, op = sys.argv[1], sys.argv[2]
    trace = "--tracemalloc" in sys.argv
    from sklearn.feature_extraction.text import TfidfVectorizer
    import sklearn

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rss_before = rss_bytes()
    if trace:
        import tracemalloc

        tracemalloc.start()
    t0 = time.perf_counter()
    if op == "fit_transform":
        v = TfidfVectorizer()
        X = v.fit_transform(lines)
    elif op == "fit_then_transform":
        v = TfidfVectorizer().fit(lines)
        X = v.transform(lines)
    else:
        raise SystemExit("unknown op " + op)
    seconds = time.perf_counter() - t0
    traced_peak = None
    if trace:
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    names = v.get_feature_names_out()
    print(json.dumps({
        "impl": "sklearn",
        "sklearn": sklearn.__version__,
        "op": op,
        "lines": len(lines),
        "seconds": seconds,
        "vocabularySize": len(names),
        "vocabularySha256": hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest(),
        "nnz": int(X.nnz),
        "dataSum": float(X.data.sum()),
        "rssBeforeBytes": rss_before,
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "tracedPeakBytes": traced_peak,
    }))


if __name__ == "__main__":
    main()

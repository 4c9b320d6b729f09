"""Times scikit-learn's IsolationForest on a data set written by iforest.bench.ts.

Usage: /usr/bin/python3 sklearn_iforest.py JOB.json
The job names binary files (little-endian float64 / int32) and the repeats; this prints one JSON
line: sklearn version, fit and score_samples seconds per repeat (time.perf_counter), and writes the
scores of every repeat to JOB's scores file so the bench computes ROC-AUC with the same code as ours.
Run with OMP_NUM_THREADS=1 etc.; n_jobs is left at 1.
"""
import json
import sys
import time

import numpy as np


def main():
    job = json.load(open(sys.argv[1]))
    try:
        import sklearn
        from sklearn.ensemble import IsolationForest
    except ImportError as e:  # the bench prints a skip line
        print(json.dumps({"error": "scikit-learn not importable: %s" % e}))
        return
    n, d = job["nRows"], job["nCols"]
    if job["kind"] == "dense":
        x_fit = x_score = np.fromfile(job["data"], dtype="<f8").reshape(n, d)
    else:
        import scipy.sparse as sp
        x_score = sp.csr_matrix(
            (np.fromfile(job["data"], dtype="<f8"), np.fromfile(job["indices"], dtype="<i4"), np.fromfile(job["indptr"], dtype="<i4")),
            shape=(n, d),
        )
        x_fit = x_score.tocsc()  # sklearn's preferred fit format, converted outside the timing
    fit_s, score_s, all_scores = [], [], []
    for rep in range(job["repeats"]):
        model = IsolationForest(n_estimators=job["nEstimators"], max_samples=job["maxSamples"], random_state=rep)
        t0 = time.perf_counter()
        model.fit(x_fit)
        fit_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        scores = model.score_samples(x_score)
        score_s.append(time.perf_counter() - t0)
        all_scores.append(scores.astype("<f8"))
    np.concatenate(all_scores).tofile(job["scores"])
    print(json.dumps({"version": sklearn.__version__, "fitSeconds": fit_s, "scoreSeconds": score_s}))


if __name__ == "__main__":
    main()

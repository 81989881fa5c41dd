"""Exact solver for nabij-bench assign: scipy's sparse min-weight full bipartite matching.

Reads the graph written by the harness (little-endian rows/cols i32, vals f64, caps i32),
turns "each request at most one companion, each neighbour at most its capacity, maximise
the total score" into a full matching: every neighbour becomes `capacity` columns, and
every request gets a private "no proposal" column. Costs are 2 - score for real edges and
2 for "no proposal", so minimising the cost maximises the score. Prints one JSON object;
exact_ms times the matching call only.
"""
import json
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def main() -> None:
    folder, n = sys.argv[1], int(sys.argv[2])
    rows = np.fromfile(f"{folder}/rows.bin", dtype="<i4")
    cols = np.fromfile(f"{folder}/cols.bin", dtype="<i4")
    vals = np.fromfile(f"{folder}/vals.bin", dtype="<f8")
    caps = np.fromfile(f"{folder}/caps.bin", dtype="<i4")
    keep = vals > 0
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    # Column copies per neighbour.
    start = np.concatenate(([0], np.cumsum(caps)))
    total_copies = int(start[-1])
    copy_count = caps[cols]
    r = np.repeat(rows, copy_count)
    offsets = np.concatenate([np.arange(c) for c in copy_count]) if len(copy_count) else np.array([], dtype=int)
    c = np.repeat(start[cols], copy_count) + offsets
    v = np.repeat(2.0 - vals, copy_count)
    # Private "no proposal" columns.
    r = np.concatenate((r, np.arange(n)))
    c = np.concatenate((c, total_copies + np.arange(n)))
    v = np.concatenate((v, np.full(n, 2.0)))
    m = csr_matrix((v, (r, c)), shape=(n, total_copies + n))
    t = time.perf_counter()
    row_ind, col_ind = min_weight_full_bipartite_matching(m)
    elapsed = (time.perf_counter() - t) * 1e3
    chosen = np.asarray(m[row_ind, col_ind]).ravel()
    real = col_ind < total_copies
    total = float(np.sum(2.0 - chosen[real]))
    print(json.dumps({"exact_ms": elapsed, "total": total, "matched": int(real.sum())}))


if __name__ == "__main__":
    main()

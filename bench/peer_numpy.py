#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""peer_numpy: the numpy/scipy peer that 'make bench' runs beside taste.

The same data and splits as taste's figures (MovieLens 100k's given
folds u1-u5 as they are, and the seeded 80/20 splits that taste writes
with 'taste eval --save-split'), the same protocol, timed the same way:

  als      ALS with biases, weighted-lambda regularisation (lambda times
           the row's count, on the factors and the bias alike), each row
           solved in closed form against the other side augmented with a
           column of ones; predictions clipped to the range of the
           training ratings (the scale's ends on these data sets).
  knn      item-kNN: baseline (global mean + regularised biases) plus the
           similarity-weighted residuals of the 40 nearest items the user
           rated; similarity = cosine of the residual columns, shrunk by
           n_common / (n_common + 100).
  ranking  top-10 over every item the user has not rated in training,
           for users with a test rating >= 4: item-kNN (cosine of the
           binary columns, 40 neighbours kept per item, score = sum over
           the user's items), popularity, and the ALS scores.

Usage:
  peer_numpy.py folds DIR          u1-u5 of MovieLens 100k in DIR
  peer_numpy.py split TRAIN TEST   one train/test pair (CSV or u.data)
  peer_numpy.py epoch FILE K       seconds per ALS epoch at k = K
  peer_numpy.py synth K            one ALS epoch at k = K on 25 M
                                   synthetic ratings shaped like ML-25M
                                   (as bench_als: 162,541 users, 59,047
                                   items, p(item i) ~ (i + 100)^-1.3),
                                   made in memory, never written

Output: one "name value [value...]" line per figure. Exit 77 (skipped)
when numpy or scipy is missing. BLAS threads come from the environment
(OPENBLAS_NUM_THREADS), which run.sh sets to 2.
"""
import sys
import time

try:
    import numpy as np
    import scipy.sparse as sp
except ImportError as e:
    print("skip: %s (apt-get install python3-numpy python3-scipy)" % e)
    sys.exit(77)

# Tuned as the reference peer was, on the mean over u1-u5 (grid: k in
# 10, 20, 40 and lambda in 0.05 ... 0.3): 0.9156 there.
ALS_K = 40
ALS_REG = 0.15
ALS_EPOCHS = 15
KNN_K = 40
KNN_SHRINK = 100.0
BIAS_REG = 10.0


def read_rows(path):
    """(user ids, item ids, ratings) of a u.data-style or CSV file."""
    users, items, vals = [], [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        first = True
        for line in f:
            line = line.strip()
            if not line:
                continue
            sep = "\t" if "\t" in line else ","
            parts = line.split(sep)
            if first:
                first = False
                try:
                    float(parts[2])
                except ValueError:
                    continue          # a header
            users.append(parts[0])
            items.append(parts[1])
            vals.append(float(parts[2]))
    return users, items, np.array(vals)


class Data:
    """Train and test rows in one index space (train ids first)."""

    def __init__(self, train_path, test_path=None):
        tu, ti, tr = read_rows(train_path)
        self.uid, self.iid = {}, {}
        self.tu = np.array([self.uid.setdefault(u, len(self.uid))
                            for u in tu])
        self.ti = np.array([self.iid.setdefault(i, len(self.iid))
                            for i in ti])
        self.tr = tr
        self.n_users, self.n_items = len(self.uid), len(self.iid)
        self.scale = (tr.min(), tr.max())
        self.test = None
        if test_path:
            su, si, sr = read_rows(test_path)
            keep = [k for k in range(len(su))
                    if su[k] in self.uid and si[k] in self.iid]
            self.cold = len(su) - len(keep)
            self.test = (np.array([self.uid[su[k]] for k in keep]),
                         np.array([self.iid[si[k]] for k in keep]),
                         sr[keep])
        self.R = sp.csr_matrix((self.tr, (self.tu, self.ti)),
                               shape=(self.n_users, self.n_items))
        self.RT = self.R.T.tocsr()


def biases(d, passes=10):
    """Global mean and regularised user and item biases."""
    mu = d.tr.mean()
    bu, bi = np.zeros(d.n_users), np.zeros(d.n_items)
    for _ in range(passes):
        res = d.tr - mu - bu[d.tu]
        bi = np.bincount(d.ti, res, d.n_items) / (
            np.bincount(d.ti, None, d.n_items) + BIAS_REG)
        res = d.tr - mu - bi[d.ti]
        bu = np.bincount(d.tu, res, d.n_users) / (
            np.bincount(d.tu, None, d.n_users) + BIAS_REG)
    return mu, bu, bi


def als_side(M, other, other_bias, mu, k, reg):
    """Solve every row of M for [bias, factors] against the other side.

    Each row's normal equations come from one small matrix product over
    the rows it rated (the augmented vectors [1, q]); all the systems
    are then solved at once with a batched np.linalg.solve."""
    n = M.shape[0]
    d = k + 1
    aug = np.hstack([np.ones((other.shape[0], 1)), other])
    y_all = M.data - mu - other_bias[M.indices]
    G = np.empty((n, d, d))
    rhs = np.zeros((n, d))
    eye = np.eye(d)
    ptr = M.indptr
    for r in range(n):
        lo, hi = ptr[r], ptr[r + 1]
        if lo == hi:
            G[r] = eye
            continue
        A = aug[M.indices[lo:hi]]
        G[r] = A.T @ A + (reg * (hi - lo)) * eye
        rhs[r] = y_all[lo:hi] @ A
    out = np.linalg.solve(G, rhs[:, :, None])[:, :, 0]
    return out[:, 0], out[:, 1:]


def als_fit(d, k=ALS_K, reg=ALS_REG, epochs=ALS_EPOCHS, seed=1):
    """ALS with biases; returns the model and the seconds per epoch."""
    rng = np.random.default_rng(seed)
    mu = d.tr.mean()
    P = rng.normal(0, 0.1, (d.n_users, k))
    Q = rng.normal(0, 0.1, (d.n_items, k))
    bu, bi = np.zeros(d.n_users), np.zeros(d.n_items)
    t0 = time.perf_counter()
    for _ in range(epochs):
        bu, P = als_side(d.R, Q, bi, mu, k, reg)
        bi, Q = als_side(d.RT, P, bu, mu, k, reg)
    per_epoch = (time.perf_counter() - t0) / epochs
    return (mu, bu, bi, P, Q), per_epoch


def als_predict(d, model, u, i):
    mu, bu, bi, P, Q = model
    p = mu + bu[u] + bi[i] + np.einsum("ij,ij->i", P[u], Q[i])
    return np.clip(p, *d.scale)


def rmse(pred, truth):
    return float(np.sqrt(np.mean((pred - truth) ** 2)))


def knn_predict(d, u, i):
    """Item-kNN on baseline residuals (see the module comment)."""
    mu, bu, bi = biases(d)
    res = sp.csc_matrix((d.tr - mu - bu[d.tu] - bi[d.ti], (d.tu, d.ti)),
                        shape=(d.n_users, d.n_items))
    B = (res != 0).astype(np.float64)
    dot = (res.T @ res).toarray()
    norm = np.sqrt(np.maximum(np.diag(dot), 1e-12))
    common = (B.T @ B).toarray()
    sim = dot / np.outer(norm, norm) * common / (common + KNN_SHRINK)
    np.fill_diagonal(sim, 0)
    R = res.tocsr()
    out = np.empty(len(u))
    for q in range(len(u)):
        lo, hi = R.indptr[u[q]], R.indptr[u[q] + 1]
        js, rs = R.indices[lo:hi], R.data[lo:hi]
        s = sim[i[q], js]
        if len(s) > KNN_K:
            top = np.argpartition(-s, KNN_K)[:KNN_K]
            s, rs = s[top], rs[top]
        den = np.abs(s).sum()
        out[q] = mu + bu[u[q]] + bi[i[q]] + (s @ rs / den if den else 0)
    return np.clip(out, *d.scale)


def precision_at(d, scores, k=10, rel_min=4.0):
    """P@k over users with a relevant test item, all unrated candidates."""
    tu, ti, tr = d.test
    rel = {}
    for u, i, r in zip(tu, ti, tr):
        if r >= rel_min:
            rel.setdefault(u, set()).add(i)
    scores = scores.copy()
    scores[d.tu, d.ti] = -np.inf
    hits = 0
    for u, items in rel.items():
        top = np.argpartition(-scores[u], k)[:k]
        hits += len(items.intersection(top.tolist()))
    return hits / (k * len(rel)), len(rel)


def knn_scores(d):
    """Top-N item-kNN: binary cosine, KNN_K neighbours per item."""
    B = sp.csr_matrix((np.ones(len(d.tu)), (d.tu, d.ti)),
                      shape=(d.n_users, d.n_items))
    dot = (B.T @ B).toarray()
    norm = np.sqrt(np.maximum(np.diag(dot), 1e-12))
    sim = dot / np.outer(norm, norm)
    np.fill_diagonal(sim, 0)
    cut = np.argpartition(-sim, KNN_K, axis=0)[KNN_K:]
    np.put_along_axis(sim, cut, 0, axis=0)
    return B @ sim


def cmd_folds(folder):
    als_r, knn_r, secs = [], [], []
    for f in range(1, 6):
        d = Data("%s/u%d.base" % (folder, f), "%s/u%d.test" % (folder, f))
        u, i, r = d.test
        model, per_epoch = als_fit(d)
        als_r.append(rmse(als_predict(d, model, u, i), r))
        secs.append(per_epoch)
        knn_r.append(rmse(knn_predict(d, u, i), r))
    print("folds_als_rmse %.4f %.4f" % (np.mean(als_r), np.std(als_r,
                                                               ddof=1)))
    print("folds_knn_rmse %.4f %.4f" % (np.mean(knn_r), np.std(knn_r,
                                                               ddof=1)))
    print("folds_als_epoch_ms %.1f" % (1e3 * np.mean(secs)))


def cmd_split(train, test):
    d = Data(train, test)
    u, i, r = d.test
    model, per_epoch = als_fit(d)
    print("split_als_rmse %.4f" % rmse(als_predict(d, model, u, i), r))
    print("split_als_epoch_ms %.1f" % (1e3 * per_epoch))
    print("split_cold_pairs %d" % d.cold)
    if d.n_items <= 4000:
        print("split_knn_rmse %.4f" % rmse(knn_predict(d, u, i), r))
        p, n = precision_at(d, np.asarray(knn_scores(d)))
        print("split_knn_p10 %.4f %d" % (p, n))
        pop = np.tile(np.bincount(d.ti, None, d.n_items).astype(float),
                      (d.n_users, 1))
        print("split_pop_p10 %.4f" % precision_at(d, pop)[0])
        mu, bu, bi, P, Q = model
        print("split_als_p10 %.4f" % precision_at(
            d, mu + bu[:, None] + bi[None, :] + P @ Q.T)[0])


def cmd_epoch(path, k):
    d = Data(path)
    _, per_epoch = als_fit(d, k=k, epochs=5)
    print("epoch_ms %.1f" % (1e3 * per_epoch))


class Synth(Data):
    """25 M ratings of the ML-25M shape, duplicates dropped."""

    def __init__(self, seed=1):
        rng = np.random.default_rng(seed)
        n_users, n_items, n = 162541, 59047, 25000000
        w = (np.arange(n_items) + 100.0) ** -1.3
        cdf = np.cumsum(w / w.sum())
        u = rng.integers(0, n_users, n)
        i = np.minimum(np.searchsorted(cdf, rng.random(n)), n_items - 1)
        key = np.unique(u.astype(np.int64) * n_items + i)
        self.tu = (key // n_items).astype(np.int32)
        self.ti = (key % n_items).astype(np.int32)
        self.tr = (1 + (self.tu * 7 + self.ti * 13) % 10) / 2.0
        self.n_users, self.n_items = n_users, n_items
        self.scale = (0.5, 5.0)
        self.test = None
        self.R = sp.csr_matrix((self.tr, (self.tu, self.ti)),
                               shape=(n_users, n_items))
        self.RT = self.R.T.tocsr()


def cmd_synth(k):
    t0 = time.perf_counter()
    d = Synth()
    print("synth_build_s %.1f ratings %d" % (time.perf_counter() - t0,
                                             len(d.tr)))
    _, per_epoch = als_fit(d, k=k, epochs=1)
    print("synth_epoch_s %.2f" % per_epoch)


def main(argv):
    if len(argv) == 3 and argv[1] == "folds":
        cmd_folds(argv[2])
    elif len(argv) == 4 and argv[1] == "split":
        cmd_split(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "epoch":
        cmd_epoch(argv[2], int(argv[3]))
    elif len(argv) == 3 and argv[1] == "synth":
        cmd_synth(int(argv[2]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

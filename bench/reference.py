#!/usr/bin/python3
"""Gradient-boosted trees on exactly the matrix Propensity Lab trained on, side by side.

    apt-get install -y python3-sklearn python3-xgboost      # Debian's packages
    npm run bench -- --events <file> --goal <goal.json> --export-matrix /tmp/m
    /usr/bin/python3 bench/reference.py /tmp/m               # (the bench runs this itself)

Reads <dir>/matrix.csv (the app's "Download the training matrix" file: customer_id, cutoff, role,
label, raw features; empty = missing) and, when present, <dir>/app.json (the app's bench line).
Trains scikit-learn's HistGradientBoostingClassifier and XGBoost's XGBClassifier on the rows of
the training cutoffs and measures AUC on the validation cutoff's rows, as the app does. Each
library runs twice: with its defaults, and with early stopping on the validation cutoff's log
loss (the criterion the app's own early stopping uses), which can only flatter the trees.
Prints one JSON line. With --xgb-only, only XGBoost with its defaults (for bench/train.ts's
training-time ratio).
"""
import csv
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score
from xgboost import XGBClassifier

SEED = 42


def read_matrix(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        roles, labels, values = [], [], []
        for r in rows:
            roles.append(r[2])
            labels.append(-1 if r[3] == "" else int(r[3]))
            values.append([float(v) if v != "" else np.nan for v in r[4:]])
    x = np.asarray(values, dtype=np.float32)
    return header[4:], np.asarray(roles), np.asarray(labels), x


def auc(y, p):
    return float(roc_auc_score(y, p))


def timed(fit):
    started = time.perf_counter()
    model = fit()
    return model, round((time.perf_counter() - started) * 1000)


def best_by_logloss(staged, y):
    """Index and probabilities of the boosting stage with the lowest validation log loss."""
    best = (np.inf, 0, None)
    for i, p in enumerate(staged):
        loss = log_loss(y, p[:, 1], labels=[0, 1])
        if loss < best[0]:
            best = (loss, i, p[:, 1])
    return best[1] + 1, best[2]


def main(folder, xgb_only=False):
    features, roles, labels, x = read_matrix(os.path.join(folder, "matrix.csv"))
    train, valid = roles == "train", roles == "validation"
    xt, yt, xv, yv = x[train], labels[train], x[valid], labels[valid]
    out = {
        "rows": int(train.sum() + valid.sum()),
        "trainRows": int(train.sum()),
        "validationRows": int(valid.sum()),
        "features": len(features),
        "threads": os.cpu_count(),
    }

    xgb, ms = timed(lambda: XGBClassifier(random_state=SEED, tree_method="hist").fit(xt, yt))
    out["xgbDefault"] = {"auc": auc(yv, xgb.predict_proba(xv)[:, 1]), "fitMs": ms}
    if xgb_only:
        print(json.dumps(out))
        return

    hgb, ms = timed(lambda: HistGradientBoostingClassifier(random_state=SEED).fit(xt, yt))
    out["hgbDefault"] = {"auc": auc(yv, hgb.predict_proba(xv)[:, 1]), "fitMs": ms}
    hgb, ms = timed(
        lambda: HistGradientBoostingClassifier(
            max_iter=500, learning_rate=0.05, early_stopping=False, random_state=SEED
        ).fit(xt, yt)
    )
    stages, p = best_by_logloss(hgb.staged_predict_proba(xv), yv)
    out["hgbEarlyStopped"] = {"auc": auc(yv, p), "iterations": stages, "fitMs": ms}

    xgb, ms = timed(
        lambda: XGBClassifier(
            n_estimators=1000,
            learning_rate=0.05,
            tree_method="hist",
            early_stopping_rounds=50,
            eval_metric="logloss",
            random_state=SEED,
        ).fit(xt, yt, eval_set=[(xv, yv)], verbose=False)
    )
    p = xgb.predict_proba(xv, iteration_range=(0, xgb.best_iteration + 1))[:, 1]
    out["xgbEarlyStopped"] = {"auc": auc(yv, p), "trees": xgb.best_iteration + 1, "fitMs": ms}

    best = max(v["auc"] for k, v in out.items() if k.startswith(("hgb", "xgb")))
    out["bestTreeAuc"] = float(best)
    app_path = os.path.join(folder, "app.json")
    if os.path.exists(app_path):
        with open(app_path) as f:
            app = json.load(f)
        out["appAuc"] = app["auc"]
        out["appAtLeastBestTrees"] = bool(app["auc"] >= best)
        out["appTrainMs"] = app["ms"]["train"]
        out["trainRatioVsXgbDefault"] = round(app["ms"]["train"] / out["xgbDefault"]["fitMs"], 2)
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: bench/reference.py <dir holding matrix.csv> [--xgb-only]")
    main(sys.argv[1], xgb_only=sys.argv[2:] == ["--xgb-only"])

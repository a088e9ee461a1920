"""Writes ml_reference.lua: scikit-learn's numbers for the checks in Tests/lua/test_ml.lua.

The data are small and seeded; every input is rounded to float32 first, so that Lunette (float32
tensors) and scikit-learn (float64) start from the same values. The output is a Lua table file
(`return {...}`) that the test loads with dofile, since Lua has no JSON reader of its own.

    python3 -m venv .venv-ml && .venv-ml/bin/pip install scikit-learn
    .venv-ml/bin/python Tests/Fixtures/ml/make_ml_reference.py

Made with scikit-learn 1.9.1, NumPy 2.4.6 (the versions are recorded in the file).
"""
import math
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import (adjusted_rand_score, classification_report, roc_auc_score, roc_curve,
                             silhouette_score)

HERE = os.path.dirname(os.path.abspath(__file__))
LUA_KEYWORDS = {'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in',
                'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while'}


def as_float32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def lua_string(text):
    escaped = text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    return '"' + escaped + '"'


def lua_value(value, indent=''):
    """Lua source for a nested structure of dicts, lists, arrays, numbers, strings and booleans."""
    inner = indent + '  '
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, dict):
        fields = []
        for key, item in value.items():
            if item is None:  # nil in Lua: the field is left out
                continue
            name = key if key.isidentifier() and key not in LUA_KEYWORDS else '[' + lua_string(key) + ']'
            fields.append(inner + name + ' = ' + lua_value(item, inner))
        return '{\n' + ',\n'.join(fields) + ',\n' + indent + '}'
    if isinstance(value, (list, tuple)):
        items = [lua_value(item, inner) for item in value]
        if all(not isinstance(item, (dict, list, tuple, np.ndarray)) for item in value):
            return '{' + ', '.join(items) + '}'
        return '{\n' + ''.join(inner + item + ',\n' for item in items) + indent + '}'
    if isinstance(value, (bool, np.bool_)):
        return 'true' if value else 'false'
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return '0/0'
        if math.isinf(value):
            return 'math.huge' if value > 0 else '-math.huge'
        return repr(value)
    if isinstance(value, str):
        return lua_string(value)
    raise TypeError(type(value))


def kmeans_reference():
    x, truth = make_blobs(n_samples=60, centers=3, n_features=2, cluster_std=1.0, random_state=7)
    x = as_float32(x)
    model = KMeans(n_clusters=3, n_init=10, random_state=0).fit(x)
    # The elbow: each k with many restarts, so that the reference is the best partition for that k.
    elbow = [KMeans(n_clusters=k, n_init=50, random_state=0).fit(x).inertia_ for k in range(1, 6)]
    return {
        'x': x,
        'truth': truth + 1,
        'n_clusters': 3,
        'inertia': model.inertia_,
        'labels': model.labels_ + 1,
        'centers': model.cluster_centers_,
        'transform': model.transform(x[:5]),
        'elbow_ks': list(range(1, 6)),
        'elbow': elbow,
    }


def pca_reference():
    rng = np.random.default_rng(3)
    mixing = rng.normal(size=(5, 5)) * np.array([3.0, 2.0, 1.0, 0.5, 0.1])[:, None]
    x = as_float32(rng.normal(size=(40, 5)) @ mixing + np.array([1.0, -2.0, 0.5, 4.0, 0.0]))
    new_rows = as_float32(rng.normal(size=(4, 5)))
    result = {'x': x, 'new_rows': new_rows}
    for name, options in [('three', {'n_components': 3}), ('whitened', {'n_components': 3, 'whiten': True}),
                          ('all', {}), ('fraction', {'n_components': 0.9})]:
        pca = PCA(**options, svd_solver='full')
        fitted = pca.fit_transform(x)
        result[name] = {
            'n_components': pca.n_components_,
            'components': pca.components_,
            'explained_variance': pca.explained_variance_,
            'explained_variance_ratio': pca.explained_variance_ratio_,
            'singular_values': pca.singular_values_,
            'mean': pca.mean_,
            'noise_variance': pca.noise_variance_,
            'fit_transform': fitted,
            'transform_new': pca.transform(new_rows),
            'inverse_transform_new': pca.inverse_transform(pca.transform(new_rows)),
        }
    return result


def report_case(y_true, y_pred, **options):
    text = classification_report(y_true, y_pred, zero_division=0, **options)
    numbers = classification_report(y_true, y_pred, zero_division=0, output_dict=True, **options)
    return {'y_true': list(y_true), 'y_pred': list(y_pred), 'text': text, 'numbers': numbers,
            'target_names': options.get('target_names'), 'digits': options.get('digits', 2),
            'labels': options.get('labels')}


def reports_reference():
    rng = np.random.default_rng(11)
    y_true = rng.integers(0, 4, size=50)
    y_pred = np.where(rng.random(50) < 0.6, y_true, rng.integers(0, 3, size=50))
    animals = ['cat', 'dog', 'bird', 'horse']
    binary_true = rng.choice([-1, 1], size=30)
    binary_pred = np.where(rng.random(30) < 0.7, binary_true, -binary_true)
    return {
        'plain': report_case(y_true, y_pred),
        'named': report_case(y_true, y_pred, target_names=['setosa', 'versicolor', 'virginica', 'other'], digits=3),
        'strings': report_case([animals[i] for i in y_true], [animals[i] for i in y_pred], digits=4),
        'binary': report_case(binary_true, binary_pred),
        # Ill-defined precision (class 3 never predicted) and recall (class 3 never true) count as 0.
        'unpredicted': report_case(y_true, np.where(y_pred == 3, 2, y_pred)),
        'untrue': report_case(np.where(y_true == 3, 0, y_true), y_pred),
        # Some labels left out, in an order of their own: a micro average instead of the accuracy.
        'subset': report_case(y_true, y_pred, labels=[2, 0, 1]),
    }


def roc_case(y_true, scores, **options):
    fpr, tpr, thresholds = roc_curve(y_true, scores, **options)
    case = {'y_true': list(y_true), 'scores': scores, 'fpr': fpr, 'tpr': tpr, 'thresholds': thresholds}
    if 'pos_label' in options:
        case['pos_label'] = options['pos_label']
        case['auc'] = roc_auc_score(np.asarray(y_true) == options['pos_label'], scores)
    else:
        case['auc'] = roc_auc_score(y_true, scores)
    return case


def roc_reference():
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, size=40)
    scores = as_float32(np.round(np.clip(0.3 * y + rng.normal(0.35, 0.25, size=40), 0, 1), 1))  # with ties
    smooth = as_float32(0.5 * y + rng.random(40))
    signs = np.where(y == 1, 1, -1)
    return {
        'ties': roc_case(y, scores),
        'smooth': roc_case(y, smooth),
        'signs': roc_case(signs, smooth),
        'pos_label': roc_case(y + 1, smooth, pos_label=1),
    }


def clustering_reference(blobs):
    rng = np.random.default_rng(17)
    x = blobs['x']
    random_labels = rng.integers(1, 5, size=len(x))
    singleton = blobs['labels'].copy()
    singleton[0] = 4  # a cluster of one sample, whose silhouette is 0
    a = rng.integers(1, 4, size=50)
    b = rng.integers(1, 5, size=50)
    permuted = np.array([3, 1, 2])[a - 1]
    near = a.copy()
    near[:5] = (near[:5] % 3) + 1
    return {
        'silhouette': {
            'kmeans': silhouette_score(x, blobs['labels']),
            'random': silhouette_score(x, random_labels),
            'random_labels': random_labels,
            'singleton': silhouette_score(x, singleton),
            'singleton_labels': singleton,
        },
        'ari': [
            {'a': a, 'b': b, 'value': adjusted_rand_score(a, b)},
            {'a': a, 'b': permuted, 'value': adjusted_rand_score(a, permuted)},
            {'a': a, 'b': near, 'value': adjusted_rand_score(a, near)},
            {'a': blobs['truth'], 'b': blobs['labels'], 'value': adjusted_rand_score(blobs['truth'], blobs['labels'])},
            {'a': [1] * 6, 'b': [2] * 6, 'value': adjusted_rand_score([1] * 6, [2] * 6)},
            {'a': list(range(1, 7)), 'b': list(range(11, 17)),
             'value': adjusted_rand_score(list(range(1, 7)), list(range(11, 17)))},
            {'a': [1, 1, 2, 2], 'b': [1, 2, 1, 2], 'value': adjusted_rand_score([1, 1, 2, 2], [1, 2, 1, 2])},
        ],
    }


def main():
    blobs = kmeans_reference()
    reference = {
        'versions': {'scikit_learn': sklearn.__version__, 'numpy': np.__version__},
        'kmeans': blobs,
        'pca': pca_reference(),
        'reports': reports_reference(),
        'roc': roc_reference(),
    }
    reference.update(clustering_reference(blobs))
    with open(os.path.join(HERE, 'ml_reference.lua'), 'w') as out:
        out.write('-- scikit-learn\'s numbers for Tests/lua/test_ml.lua, written by make_ml_reference.py beside this file.\n')
        out.write('return ' + lua_value(reference) + '\n')


if __name__ == '__main__':
    main()

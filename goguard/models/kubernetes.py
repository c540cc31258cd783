"""Kubernetes API objects: where their maps are nil.

Every API object embeds `metav1.ObjectMeta`, whose `Labels` and `Annotations` are
`map[string]string` with `omitempty` (k8s.io/apimachinery/pkg/apis/meta/v1/types.go):
an object created without labels or annotations, whether by a user's manifest or by a
controller, comes back from the API server, a lister, an informer's event handler or
a reconcile request's `Get` with those maps nil, and so does its `DeepCopy()`. A write
`obj.Annotations[k] = v` then panics unless the code checks or makes the map first.
The same holds for a custom resource's spec maps of those names.

API types live in packages laid out by the code generators' convention
(k8s.io/code-generator: `<module>/pkg/apis/<group>/<version>`, controller-runtime's
kubebuilder layout: `<module>/api/<version>`), and in k8s.io/api.
"""

from __future__ import annotations

import re

# Fields nil on an object created without them (ObjectMeta; spec fields of CRDs that
# carry labels or annotations for what they create): optional metadata that any
# object may lack. (A Secret's or ConfigMap's Data is not here: whoever creates one
# fills it, and controllers write into the data of objects they created themselves.)
NIL_FIELDS = frozenset(("Labels", "Annotations"))

# Methods of the metav1.Object interface (meta/v1/meta.go: "GetLabels() map[string]string")
# and the generated getters of protobuf messages (CRI's ContainerStatus.GetAnnotations,
# k8s.io/cri-api/pkg/apis/runtime/v1/api.pb.go: "if m != nil { return m.Annotations };
# return nil"), which return the map as it is: nil when the object has none.
NIL_GETTERS = frozenset(("GetLabels", "GetAnnotations"))

# `obj.DeepCopy()` returns a copy of obj of the same type (zz_generated.deepcopy.go).
COPIES = frozenset(("DeepCopy",))

# Imports that say a file deals with API objects or generated messages.
_API_IMPORTS = ("k8s.io/", "sigs.k8s.io/", "google.golang.org/protobuf", "github.com/gogo/protobuf",
                "github.com/golang/protobuf")

_API_PATH = re.compile(r"(?:^|/)apis?/(?:[^/]+/)?v\d+(?:(?:alpha|beta)\d+)?$")


def is_api_package(import_path: str) -> bool:
    """Whether a package holds Kubernetes API types, by the layout conventions."""
    return import_path.startswith("k8s.io/api/") or import_path == "k8s.io/apimachinery/pkg/apis/meta/v1" \
        or _API_PATH.search(import_path) is not None


def deals_with_api(imports) -> bool:
    """Whether a file's imports (import paths) include the Kubernetes libraries or
    generated protocol buffers."""
    return any(p.startswith(_API_IMPORTS) for p in imports)

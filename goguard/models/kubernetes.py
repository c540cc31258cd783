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
# Each reads the field of its name: `obj.GetLabels()` is the state of `obj.Labels`.
NIL_GETTERS = {"GetLabels": "Labels", "GetAnnotations": "Annotations"}

# `obj.DeepCopy()` returns a copy of obj of the same type (zz_generated.deepcopy.go).
COPIES = frozenset(("DeepCopy",))

# The setters of metav1.Object (meta/v1/meta.go: "SetLabels(labels map[string]string)";
# ObjectMeta's implementation assigns the field): `obj.SetLabels(m)` is `obj.Labels = m`.
SETTERS = {"SetLabels": "Labels", "SetAnnotations": "Annotations"}

# Methods of API objects that set none of their fields: metav1.Object's getters, the
# generated deep copies (zz_generated.deepcopy.go: DeepCopy and DeepCopyObject read the
# receiver; DeepCopyInto writes its argument, not its receiver), runtime.Object's
# GetObjectKind, and the generated String / Marshal / Size of protocol buffers.
READER_PREFIXES = ("Get", "DeepCopy", "String", "Marshal", "Size", "Equal")

# Calls that fill an object from the API server: controller-runtime's client.Reader
# (pkg/client/interfaces.go: "Get retrieves an obj for the given object key from the
# Kubernetes Cluster. obj must be a struct pointer so that obj can be updated with the
# response returned by the Server."; List likewise for a list). (method, number of
# arguments at least, index of the object): afterwards the object is the API's, even
# when the function built it first (`pod := &corev1.Pod{}; c.Get(ctx, key, pod)`).
FILLERS = {"Get": (3, 2), "List": (2, 1)}


def method_sets(name: str) -> frozenset | None:
    """The fields of an API object (or of a metav1.Object) that its method `name` may
    set: SetX sets X, the readers above none; None when unknown."""
    if name in SETTERS:
        return frozenset((SETTERS[name],))
    if name.startswith("Set") and name[3:4].isupper():
        return frozenset((name[3:],))  # metav1.Object: SetName, SetOwnerReferences...
    if name.startswith(READER_PREFIXES) and name != "DeepCopyInto":
        return frozenset()
    return None


def filled(name: str, arity: int) -> int | None:
    """The index of the argument a client call of that name fills from the API server."""
    got = FILLERS.get(name)
    return got[1] if got is not None and arity >= got[0] else None

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

"""Struct types of other modules, with the fields goguard needs: their map fields and
the fields through which those are promoted. goguard does not read the module cache,
so without these rows `cm := &corev1.ConfigMap{}; cm.Data[k] = v` would be a write into
an unknown container. A row lists only some fields: the type model treats the others
as unknown, never as absent.

Each row: (import path, type name) -> ((field, kind, embedded), ...), where kind is
"map" (a map with string keys), "struct:<import path>.<Name>" (a struct of another
row) or "pointer:<import path>.<Name>".
"""

from __future__ import annotations

META_V1 = "k8s.io/apimachinery/pkg/apis/meta/v1"
CORE_V1 = "k8s.io/api/core/v1"
_META = ("ObjectMeta", f"struct:{META_V1}.ObjectMeta", True)

PARTIAL_STRUCTS: dict[tuple[str, str], tuple[tuple[str, str, bool], ...]] = {
    # ObjectMeta: "Map of string keys and values ... May match selectors" / "Annotations
    # is an unstructured key value map" (k8s.io/apimachinery/pkg/apis/meta/v1/types.go);
    # both are `map[string]string` with `omitempty`, nil on objects created without them.
    (META_V1, "ObjectMeta"): (("Labels", "map", False), ("Annotations", "map", False)),
    # LabelSelector.MatchLabels: map[string]string (meta/v1/types.go).
    (META_V1, "LabelSelector"): (("MatchLabels", "map", False),),
    # core/v1 types.go: ConfigMap.Data/BinaryData, Secret.Data/StringData are maps,
    # nil unless set; Pod/Service/Namespace/Node embed ObjectMeta.
    (CORE_V1, "ConfigMap"): (_META, ("Data", "map", False), ("BinaryData", "map", False)),
    (CORE_V1, "Secret"): (_META, ("Data", "map", False), ("StringData", "map", False)),
    (CORE_V1, "Pod"): (_META,),
    (CORE_V1, "Service"): (_META,),
    (CORE_V1, "Namespace"): (_META,),
    (CORE_V1, "Node"): (_META,),
    (CORE_V1, "PodTemplateSpec"): (_META,),
    # ResourceList is a map type; PodSpec.NodeSelector and ServiceSpec.Selector are
    # map[string]string (core/v1/types.go).
    (CORE_V1, "ResourceRequirements"): (("Limits", "map", False), ("Requests", "map", False)),
    (CORE_V1, "PodSpec"): (("NodeSelector", "map", False),),
    (CORE_V1, "ServiceSpec"): (("Selector", "map", False),),
    # terraform-plugin-framework before v0.9: `types.Map{ElemType, Elems map[string]
    # attr.Value}` and `types.Object{AttrTypes, Attrs map[string]attr.Value}`
    # (github.com/hashicorp/terraform-plugin-framework/types, map.go and object.go).
    ("github.com/hashicorp/terraform-plugin-framework/types", "Map"): (("Elems", "map", False),),
    ("github.com/hashicorp/terraform-plugin-framework/types", "Object"): (("Attrs", "map", False),),
}


def partial_struct(qualified: str) -> tuple[tuple[str, str, bool], ...] | None:
    """The modelled fields of `import/path.Name`, or None."""
    path, _, name = qualified.rpartition(".")
    return PARTIAL_STRUCTS.get((path, name))

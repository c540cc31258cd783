"""Where real nil maps come from when the code that makes them is not on disk:
Kubernetes objects and other modules' types (goguard/models/), decoders, and structs
of types goguard cannot read. These need import paths that resolve to nothing on disk,
which a buildable fixture cannot have; the runnable twins are under testdata/GG101."""

from __future__ import annotations

from pathlib import Path

from cli_support import write_tree

from goguard.engine import Options, run
from goguard.frontend.loader import expand

GO_MOD = "module example.com/op\n\ngo 1.22\n"


def findings(tmp_path: Path, src: str, extra: dict | None = None) -> list[tuple[int, str]]:
    files = {"go.mod": GO_MOD, "c/c.go": src, **(extra or {})}
    root = write_tree(tmp_path / "m", files)
    result = run(expand([str(root / "c")], cwd=str(root)), Options(rules=("GG101", "GG102"), jobs=1))
    return sorted((f.line, f.message) for f in result.findings)


K8S = '''package c

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	cachev1 "example.com/op/pkg/apis/cache/v1"
)

type client interface {
	Get(ctx context.Context, name string, obj any) error
}

func tag(pod *corev1.Pod, k string) {
	pod.Labels[k] = "yes"
}

func tagChecked(pod *corev1.Pod, k string) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels[k] = "yes"
}

func built(name string) *corev1.Pod {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}}}
	pod.Labels["app"] = name
	return pod
}

func configMap(name string) *corev1.ConfigMap {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}
	cm.Data["key"] = "value"
	return cm
}

func fetched(ctx context.Context, c client, name string) error {
	var pod corev1.Pod
	if err := c.Get(ctx, name, &pod); err != nil {
		return err
	}
	pod.Annotations["seen"] = "true"
	return nil
}

func copied(in *cachev1.Cache) *cachev1.Cache {
	out := in.DeepCopy()
	out.Annotations["copied"] = "true"
	return out
}

func getter(obj metav1.Object) {
	anns := obj.GetAnnotations()
	anns["touched"] = "true"
	obj.SetAnnotations(anns)
}

func getterChecked(obj metav1.Object) {
	anns := obj.GetAnnotations()
	if anns == nil {
		anns = map[string]string{}
	}
	anns["touched"] = "true"
	obj.SetAnnotations(anns)
}
'''


def test_kubernetes_objects(tmp_path: Path) -> None:
    got = findings(tmp_path, K8S)
    lines = [line for line, _ in got]
    text = K8S.split("\n")
    at = {needle: next(i + 1 for i, s in enumerate(text) if needle in s) for needle in (
        'pod.Labels[k] = "yes"', 'cm.Data["key"]', 'pod.Annotations["seen"]', 'out.Annotations["copied"]',
        'anns["touched"]')}
    # Found: a parameter's labels, a literal that leaves Data out, an object a client
    # filled, a DeepCopy of an input, a getter's result.
    assert at['pod.Labels[k] = "yes"'] in lines
    assert at['cm.Data["key"]'] in lines
    assert at['pod.Annotations["seen"]'] in lines
    assert at['out.Annotations["copied"]'] in lines
    assert at['anns["touched"]'] in lines
    # Silent: the nil-check idiom, an object built with its labels, the checked getter.
    assert len(got) == 5, got
    assert any("API object" in m or "GetAnnotations" in m or "nil map" in m for _, m in got)


def test_files_without_kubernetes_imports_keep_labels_unknown(tmp_path: Path) -> None:
    src = '''package c

type Meta struct{ Labels map[string]string }

func tag(m *Meta, k string) { m.Labels[k] = "x" }

func NewMeta() *Meta { return &Meta{Labels: map[string]string{}} }
'''
    assert findings(tmp_path, src) == []


OTHER_MODULE = '''package c

import (
	"example.org/x/regs"

	cfg "github.com/acme/cfg"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type item struct{ Key, Value string }

func build(items []item, base *cfg.Options) cfg.Options {
	var opts cfg.Options
	if base != nil {
		opts = *base
	}
	for _, it := range items {
		opts.Variables[it.Key] = it.Value
	}
	return opts
}

type target struct{ Labels types.Map }

func labels(src map[string]string) target {
	var t target
	t.Labels = types.Map{ElemType: types.StringType}
	for k, v := range src {
		t.Labels.Elems[k] = types.String{Value: v}
	}
	return t
}

type step struct{ ireg int }

func registers(steps []step, v uintptr) regs.Args {
	var args regs.Args
	for _, st := range steps {
		args.Ints[st.ireg] = v
	}
	return args
}
'''


def test_structs_of_types_not_on_disk(tmp_path: Path) -> None:
    got = findings(tmp_path, OTHER_MODULE)
    text = OTHER_MODULE.split("\n")
    line = {needle: next(i + 1 for i, s in enumerate(text) if needle in s)
            for needle in ("opts.Variables[", "t.Labels.Elems[", "args.Ints[")}
    lines = [ln for ln, _ in got]
    # Another module's struct left zero, written by a key that cannot be an index: a map.
    assert line["opts.Variables["] in lines
    # A modelled library type (goguard/models/types.py), its literal leaving Elems out.
    assert line["t.Labels.Elems["] in lines
    # An index into a struct of a module that is not a go-gettable path (a register
    # array, say) is not taken for a map.
    assert line["args.Ints["] not in lines
    assert len(got) == 2, got

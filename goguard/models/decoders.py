"""Functions and methods that fill a value from input.

A decoder sets what the input holds and leaves the rest as it was: a map field of a
struct decoded into stays nil when the input omits it (and every unexported field
stays as it was: decoders skip them). Most decoders also accept some valid document
that leaves a nil map (or pointer) decoded into nil: an empty one (YAML, TOML,
protobuf), or `null` (JSON, YAML, MessagePack, CBOR), so such a target stays
possibly nil.

FUNCTIONS: (import path, function) -> (index of the target argument, some valid input
leaves a nil target nil). METHODS: method name -> the same, by the number of
arguments, for decoders reached through a value whose type goguard cannot see
(`json.NewDecoder(r).Decode(&v)`, `dec.Decode(&v)`).
"""

from __future__ import annotations

from typing import NamedTuple


class Decoder(NamedTuple):
    target: int  # index of the argument decoded into
    keeps_nil: bool  # some valid document (empty, or `null`) leaves a nil map or pointer nil


FUNCTIONS: dict[tuple[str, str], Decoder] = {
    # encoding/json: "Unmarshal ... into the value pointed to by v"; fields absent from
    # the JSON are left unchanged; empty input is an error ("unexpected end of JSON
    # input"), but "The JSON null value unmarshals into an interface, map, pointer, or
    # slice by setting that Go value to nil".
    ("encoding/json", "Unmarshal"): Decoder(1, True),
    # encoding/xml: Unmarshal leaves fields without a matching element unchanged; XML
    # has no null, and empty input is an error (EOF).
    ("encoding/xml", "Unmarshal"): Decoder(1, False),
    # gopkg.in/yaml.v2 and v3: missing keys leave fields unchanged; an empty document
    # decodes to nothing without an error.
    ("gopkg.in/yaml.v2", "Unmarshal"): Decoder(1, True),
    ("gopkg.in/yaml.v2", "UnmarshalStrict"): Decoder(1, True),
    ("gopkg.in/yaml.v3", "Unmarshal"): Decoder(1, True),
    ("go.yaml.in/yaml/v3", "Unmarshal"): Decoder(1, True),
    # sigs.k8s.io/yaml and github.com/ghodss/yaml convert YAML to JSON and then use
    # encoding/json: an empty document becomes `null`, which leaves the target as it was.
    ("sigs.k8s.io/yaml", "Unmarshal"): Decoder(1, True),
    ("sigs.k8s.io/yaml", "UnmarshalStrict"): Decoder(1, True),
    ("github.com/ghodss/yaml", "Unmarshal"): Decoder(1, True),
    # github.com/BurntSushi/toml: "Decode ... fills v"; keys absent from the document
    # leave fields unchanged, an empty document is valid TOML.
    ("github.com/BurntSushi/toml", "Unmarshal"): Decoder(1, True),
    ("github.com/BurntSushi/toml", "Decode"): Decoder(1, True),
    ("github.com/BurntSushi/toml", "DecodeFile"): Decoder(1, True),
    ("github.com/pelletier/go-toml", "Unmarshal"): Decoder(1, True),
    ("github.com/pelletier/go-toml/v2", "Unmarshal"): Decoder(1, True),
    # Protocol buffers: proto.Unmarshal resets the message and sets the fields present
    # on the wire; an absent map field stays nil, and empty input is a valid message.
    ("google.golang.org/protobuf/proto", "Unmarshal"): Decoder(1, True),
    ("github.com/golang/protobuf/proto", "Unmarshal"): Decoder(1, True),
    ("github.com/gogo/protobuf/proto", "Unmarshal"): Decoder(1, True),
    # mapstructure.Decode(input, &out): keys absent from input leave fields unchanged.
    ("github.com/mitchellh/mapstructure", "Decode"): Decoder(1, True),
    ("github.com/go-viper/mapstructure/v2", "Decode"): Decoder(1, True),
    # viper.Unmarshal(&cfg) / UnmarshalKey(key, &cfg): mapstructure underneath.
    ("github.com/spf13/viper", "Unmarshal"): Decoder(0, True),
    ("github.com/spf13/viper", "UnmarshalKey"): Decoder(1, True),
    # envconfig.Process(prefix, &cfg): variables that are not set leave fields unchanged.
    ("github.com/kelseyhightower/envconfig", "Process"): Decoder(1, True),
    # MessagePack and CBOR decoders behave as encoding/json for absent keys, and their
    # nil / null decodes into a map or pointer as nil.
    ("github.com/vmihailenco/msgpack/v5", "Unmarshal"): Decoder(1, True),
    ("github.com/fxamacker/cbor/v2", "Unmarshal"): Decoder(1, True),
}

# Methods of decoder values: the Decoder types of encoding/json, encoding/xml,
# encoding/gob, gopkg.in/yaml, BurntSushi/toml, ugorji/go/codec and msgpack all have
# `Decode(v any) error`, which fills v as the package's Unmarshal does (JSON's, YAML's
# and msgpack's `null`, TOML's empty document leave a nil target nil); a one-argument
# `Unmarshal(&v)` is viper's; a two-argument `Unmarshal(data, &v)` is a configured
# codec's (jsoniter.API: null as encoding/json; protojson.UnmarshalOptions).
# `DecodeElement` is encoding/xml's: no null.
METHODS: dict[tuple[str, int], Decoder] = {
    ("Decode", 1): Decoder(0, True),
    ("DecodeElement", 2): Decoder(0, False),
    ("Unmarshal", 1): Decoder(0, True),
    ("Unmarshal", 2): Decoder(1, True),
}


# Decoder values whose format has no nil to send and that make what they decode into:
# encoding/gob ("Decode ... stores it in the data"; a map is made when nil, and gob
# cannot encode a nil top-level value) and encoding/xml (no null). By the function that
# made the decoder value: `gob.NewDecoder(r).Decode(&m)`.
MAKERS: dict[tuple[str, str], bool] = {
    ("encoding/gob", "NewDecoder"): False,
    ("encoding/xml", "NewDecoder"): False,
}


def function(import_path: str, name: str) -> Decoder | None:
    return FUNCTIONS.get((import_path, name))


def method(name: str, arity: int, made_by: tuple[str, str] | None = None) -> Decoder | None:
    """A decoder method by name and arity; `made_by`: (import path, function) that
    made the decoder value, when the source shows it."""
    got = METHODS.get((name, arity))
    if got is not None and made_by in MAKERS:
        return got._replace(keeps_nil=MAKERS[made_by])
    return got

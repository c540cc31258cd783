"""What goguard knows of libraries, as data: rows keyed by import path and name, each
with a note saying where the behaviour is documented.

The engine never names a library in code; it asks these tables. A new library is a
new row. The rooms:

- `types`: struct types of other modules whose map fields code writes into
  (Kubernetes objects, Terraform framework values), read by the type model as if
  their declarations were on disk;
- `decoders`: functions and methods that fill a value from input, leaving what the
  input omits as it was (nil maps stay nil);
- `kubernetes`: API object conventions: which packages hold API types, which fields
  and getters are nil on objects created without them;
- `sync`: the synchronisation types whose methods dereference their pointer;
- `concurrency`: what runs on goroutines of its own (HTTP handlers and routers, gRPC
  services, Prometheus collectors), which calls decode into a map, and the mutex types
  and their lock methods.
"""

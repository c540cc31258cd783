"""`goguard server`: the Language Server Protocol over stdio, so that findings and their
fixes appear in the editor while the code is written.

- `analysis`: one open document analysed as `goguard check --stdin-filename` does (the
  editor's unsaved text, the rest of its package from disk, the result cache for the
  module's other packages), in a child process that is killed when the document
  changes again before it is done, and whose crash cannot take the server down.
- `convert`: findings as LSP diagnostics (byte columns to the client's position
  encoding, the flow as related information, the rule page as the code's link), fixes
  and suppressions as code actions, the rule page's explanation as hover text.
- `server`: the pygls server that ties them to the protocol's notifications.

pygls is an optional dependency (`pip install 'goguard[server]'`); nothing else in
goguard imports this package.
"""

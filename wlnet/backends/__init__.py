"""Optional lowerings of wlnet's nets to other engines, each read from the layers' one
definitions (``wlnet.nets.layer``) and each behind an optional extra: ``onnx`` (export
to and import from ONNX models). Nothing here is imported unless a user asks for it."""

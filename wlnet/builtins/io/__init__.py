"""Input and output with files: Import, Export, Put and PutAppend (Get is in
``control.session``)."""

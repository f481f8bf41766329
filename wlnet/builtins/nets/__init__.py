"""The bridge to the net runtime (``wlnet.nets``, ``wlnet.train``): nets as expression
values, numeric data, layer and container constructors, NetInformation, operations on
nets, ``.wlnet`` files, LearningRateMultipliers and NetTrain."""

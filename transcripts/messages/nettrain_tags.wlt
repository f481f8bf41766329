In[1]:= net = NetChain[{LinearLayer[1]}, "Input" -> 2];

In[2]:= data = {{1, 2} -> {3}, {2, 1} -> {0}};

In[3]:= NetTrain[net, "nonsense"]

NetTrain::invdata: The training data should be a list of rules input ->
    target, a rule {inputs} -> {targets}, an association of port columns, or
    a list of associations, for the input ports {Input, Output}.

Out[3]= $Failed

In[4]:= NetTrain[net, {{1, 2, 3} -> {1}}]

NetTrain::invport: The data for the port Input
     should be a list of examples, each a vector of size 2.

Out[4]= $Failed

In[5]:= NetTrain[net, <|"Input" -> {{1, 2}}|>]

NetTrain::nodataport: No data was given for the port Output.

Out[5]= $Failed

In[6]:= NetTrain[net, <|"Input" -> {{1, 2}, {3, 4}}, "Output" -> {{1}}|>]

NetTrain::datalen: Every port needs the same number of examples; the data has
    {1, 2}.

Out[6]= $Failed

In[7]:= NetTrain[net, data, LearningRate -> -1]

NetTrain::optpr: The value of LearningRate -> -1 should be a positive number.

Out[7]= $Failed

In[8]:= NetTrain[net, data, Method -> "Newton"]

NetTrain::invmethod: Newton is not an optimization method; use "ADAM", "SGD"
    or "RMSProp", optionally in a list with their options.

Out[8]= $Failed

In[9]:= NetTrain[net, data, Method -> {"ADAM", "Beta9" -> 1}]

NetTrain::invmethodopt: Beta9 -> 1 is not a valid setting for the method ADAM.

Out[9]= $Failed

In[10]:= NetTrain[net, data, LossFunction -> "Nope"]

NetTrain::invloss: Nope is not a loss: give Automatic, a loss layer, or the
    name of an output port of the net that computes a loss.

Out[10]= $Failed

In[11]:= NetTrain[net, data, WorkingPrecision -> "Real16"]

NetTrain::invprec: WorkingPrecision -> Real16
     is not available; use "Real32" or "Real64".

Out[11]= $Failed

In[12]:= NetTrain[net, data, TrainingProgressReporting -> "Fireworks"]

NetTrain::invprog: TrainingProgressReporting -> Fireworks
     is not available; use Automatic, "Print" or None.

Out[12]= $Failed

In[13]:= NetTrain[net, data, ValidationSet -> Scaled[2]]

NetTrain::invvalid: ValidationSet -> Scaled[2] should be None, data like the
    training data, or Scaled[f] with f between 0 and 1.

Out[13]= $Failed

In[14]:= res = NetTrain[net, data, All, MaxTrainingRounds -> 2, TrainingProgressReporting -> None];

In[15]:= res["NoSuchProperty"]

NetTrainResultsObject::noprop: NoSuchProperty
     is not a property of these training results; r["Properties"] lists them.

Out[15]= NetTrainResultsObject[<>][NoSuchProperty]

In[16]:= NetTrain[net, data, LearningRateMultipliers -> {"Input" -> 0}, MaxTrainingRounds -> 1]

NetTrain::lrmnomatch: The rule Input -> 0
     matches no trainable array of the net, so it has no effect.

Out[16]= NetChain[<1 layer, 2 -> 1, initialized>]

In[17]:= NetTrain[net, data, LearningRateMultipliers -> {1 -> 0}]

NetTrain::netfrozen: Every trainable array has a learning-rate multiplier of
    0 or None, so there is nothing to train; the net is returned unchanged.

Out[17]= NetChain[<1 layer, 2 -> 1, uninitialized>]

In[1]:= data = {1 -> 2, 2 -> 4, 3 -> 6, 4 -> 8};

In[2]:= net = NetChain[{LinearLayer[5], Ramp, LinearLayer[{}]}, "Input" -> "Real"];

In[3]:= NetTrain[net, data, TargetDevice -> "GPU"]

NetTrain::trgdevnogpu: TargetDevice -> GPU could not be used; your system
    does not appear to have a supported NVIDIA GPU.

Out[3]= $Failed

In[4]:= SeedRandom[1]; trained = NetTrain[net, data, MaxTrainingRounds -> 50];

In[5]:= trained[3, TargetDevice -> "GPU"]

NetChain::trgdevnogpu: TargetDevice -> GPU could not be used; your system
    does not appear to have a supported NVIDIA GPU.

Out[5]= $Failed

In[6]:= NetTrain[net, data, TargetDevice -> {"GPU", 2}]

NetTrain::trgdevnogpu: TargetDevice -> {GPU, 2} could not be used; your
    system does not appear to have a supported NVIDIA GPU.

Out[6]= $Failed

In[7]:= NetTrain[net, data, TargetDevice -> {"GPU", {1, 2}}, BatchSize -> 32]

NetTrain::trgdevnogpu: TargetDevice -> GPU could not be used; your system
    does not appear to have a supported NVIDIA GPU.

Out[7]= $Failed

In[8]:= NetTrain[net, data, TargetDevice -> {"GPU", All}]

NetTrain::trgdevnogpu: TargetDevice -> GPU could not be used; your system
    does not appear to have a supported NVIDIA GPU.

Out[8]= $Failed

In[9]:= NetTrain[net, data, TargetDevice -> "TPU"]

NetTrain::invtrgdev: Invalid setting TargetDevice -> TPU. TargetDevice should
    be either "CPU" or "GPU", or {"GPU", n} for multi-GPU systems, where n is
    a positive integer that specifies which system GPU to use.

Out[9]= $Failed

In[10]:= trained[{1, 2}, TargetDevice -> {"GPU", 0}]

NetChain::invtrgdev: Invalid setting TargetDevice -> {GPU, 0}. TargetDevice
    should be either "CPU" or "GPU", or {"GPU", n} for multi-GPU systems,
    where n is a positive integer that specifies which system GPU to use.

Out[10]= $Failed

In[11]:= Head[trained[3]]

Out[11]= Real

In[1]:= ?Map
f /@ expr or Map[f, expr] applies f to each element of expr.
Map[f, expr, levelspec] applies f to the parts of expr at the levels
levelspec.
Map[f] is an operator form of Map.

In[2]:= ??Total
Total[list] gives the sum of the elements of list.
Total[list, n] sums at the levels 1 through n, Total[list, {n}] at level n
only, and Total[list, {n1, n2}] at the levels n1 through n2; negative levels
count from the deepest.
Total[list, Method -> "CompensatedSummation"] sums machine reals with less
rounding error.

Attributes[Total] = {Protected}

Options[Total] = {AllowedHeads -> Automatic, Method -> Automatic}

In[3]:= f[x_] := x^2

In[4]:= f[x_, y_] := x + y

In[5]:= ?f
Global`f

f[x_] := x^2

f[x_, y_] := x + y

In[6]:= SetAttributes[g, Listable]; g[1] = 5; Options[g] = {a -> 1};

In[7]:= ??g
Global`g

Attributes[g] = {Listable}

g[1] = 5

Options[g] = {a -> 1}

In[8]:= h::usage = "h[x] doubles x."; h[x_] := 2 x

In[9]:= ?h
h[x] doubles x.

In[10]:= ??h
h[x] doubles x.

h[x_] := 2*x

In[11]:= ?*Layer
System`

AggregationLayer          ElementwiseLayer          ReplicateLayer
BasicRecurrentLayer       EmbeddingLayer            ReshapeLayer
BatchNormalizationLayer   FlattenLayer              SequenceLastLayer
CatenateLayer             GatedRecurrentLayer       SequenceMostLayer
ConstantArrayLayer        LinearLayer               SequenceRestLayer
ConstantPlusLayer         LongShortTermMemoryLayer  SequenceReverseLayer
ConstantTimesLayer        MeanAbsoluteLossLayer     SoftmaxLayer
ConvolutionLayer          MeanSquaredLossLayer      SummationLayer
CrossEntropyLossLayer     NetArrayLayer             ThreadingLayer
DeconvolutionLayer        PaddingLayer              TotalLayer
DotLayer                  PartLayer                 TransposeLayer
DropoutLayer              PoolingLayer

In[12]:= ?NetChai*
NetChain[{layer1, layer2, ...}] is a net whose layers are applied one after
another, each output feeding the next.
NetChain[<|"name1" -> layer1, ...|>] names the layers; an integer n stands for
LinearLayer[n] and a function such as Ramp for its ElementwiseLayer.

In[13]:= Names["Net*"]

Out[13]= {NetAppend, NetArrayLayer, NetBidirectionalOperator, NetChain,

>    NetDecoder, NetDelete, NetDrop, NetEncoder, NetEvaluationMode,

>    NetExtract, NetFlatten, NetFoldOperator, NetGraph, NetInformation,

>    NetInitialize, NetInsert, NetLearningRateMultipliers, NetMapOperator,

>    NetMeasurements, NetNestOperator, NetPort, NetPortGradient, NetPrepend,

>    NetRename, NetReplace, NetReplacePart, NetTake, NetTrain,

>    NetTrainResultsObject}

In[14]:= Definition[f]

Out[14]= f[x_] := x^2

         f[x_, y_] := x + y

In[15]:= Options[NetTrain]

Out[15]= {BatchSize -> Automatic, LearningRate -> Automatic,

>    LearningRateMultipliers -> Automatic, LossFunction -> Automatic,

>    MaxTrainingRounds -> Automatic, Method -> Automatic, RandomSeeding ->

>    Inherited, TargetDevice -> CPU, TimeGoal -> Automatic,

>    TrainingProgressMeasurements -> Automatic, TrainingProgressReporting ->

>    Automatic, ValidationSet -> None, WorkingPrecision -> Automatic}

In[16]:= ?undefinedSymbolName

Information::notfound: Symbol undefinedSymbolName not found.

In[17]:= ?Zzz*

Information::nomatch: No symbol matching Zzz* found.

In[18]:= Solve[x^2 == 1, x]

General::wlnetni: wlnet does not implement the Wolfram System symbol Solve.

                2
Out[18]= Solve[x  == 1, x]

In[19]:= Solve[x == 1, x]

Out[19]= Solve[x == 1, x]

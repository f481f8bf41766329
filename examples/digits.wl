(* A small convolutional net learns scikit-learn's 1,797 handwritten 8x8 digits: the
   W5 workload of bench/, trained on the first 1,500 and measured on the last 297.
   Write the data first:   python examples/digits_data.py   (needs scikit-learn)
   then run:               wlnet examples/digits.wl *)

data = Import["digits.csv"];            (* per row: the digit, then its 64 grey levels 0-16 *)
images = ArrayReshape[data[[All, 2 ;;]] / 16., {Length[data], 1, 8, 8}];
labels = data[[All, 1]];
trainImages = images[[;; 1500]]; trainLabels = labels[[;; 1500]];
testImages = images[[1501 ;;]]; testLabels = labels[[1501 ;;]];

(* PoolingLayer[{2, 2}, 2] halves each side: PoolingLayer[{2, 2}] alone has stride 1 *)
net = NetChain[{ConvolutionLayer[16, {3, 3}], Ramp, PoolingLayer[{2, 2}, 2],
    FlattenLayer[], LinearLayer[10], SoftmaxLayer[]},
  "Input" -> {1, 8, 8}, "Output" -> NetDecoder[{"Class", Range[0, 9]}]];

SeedRandom[1234];
trained = NetTrain[net, trainImages -> trainLabels, BatchSize -> 64, MaxTrainingRounds -> 30];

errorRate = NetMeasurements[trained, testImages -> testLabels, "ErrorRate"];
Print["trained on ", Length[trainLabels], " digits, tested on ", Length[testLabels]];
Print["test error rate: ", Round[errorRate, 0.001], " (accuracy ", Round[1 - errorRate, 0.001], ")"];
Print["the first ten test digits: ", testLabels[[;; 10]]];
Print["classified as:             ", trained[testImages[[;; 10]]]];

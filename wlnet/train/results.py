"""What one training run produced, as plain Python/NumPy data.

``loop.train`` fills a ``TrainingRun``; the NetTrain builtin turns it into the trained net
and the NetTrainResultsObject properties (names in the field comments), so every
property NetTrain offers is computed from this record and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Values of "ReasonTrainingStopped". Wolfram's own strings where it has one; Wolfram says
# "WeightsDiverged" (after zeroing the arrays) where wlnet stops on a non-finite loss and
# keeps the last finite arrays instead.
MAX_TRAINING_ROUNDS = "MaxTrainingRounds"
TIME_GOAL = "TimeGoal"
MANUAL_STOP = "ManualStop"
NON_FINITE_LOSS = "NonFiniteLoss"


@dataclass
class TrainingRun:
    method: str                          # OptimizationMethod: "ADAM", "SGD", "RMSProp"
    batch_size: int                      # BatchSize
    batches_per_round: int               # BatchesPerRound
    training_examples: int               # TrainingExamples
    rates: dict                          # ArraysLearningRateMultipliers: {path: rate}
    initial_learning_rate: float         # InitialLearningRate
    final_learning_rate: float           # FinalLearningRate (global rate of the last step)
    batch_losses: np.ndarray             # BatchLossList (float64, one per trained batch)
    round_losses: list[float]            # RoundLossList (mean batch loss; last may be partial)
    validation_losses: list[float]       # ValidationLossList (one per completed round)
    total_time: float                    # TotalTrainingTime, seconds
    reason: str                          # ReasonTrainingStopped
    final_arrays: dict                   # FinalNet's arrays (copies)
    best_arrays: dict                    # TrainedNet's arrays: best validation, else final
    best_validation_round: int | None = None   # BestValidationRound (1-based)
    validation_examples: int = 0         # ValidationExamples
    round_positions: list[int] = field(default_factory=list)  # RoundPositions
    round_measurements: list[dict] = field(default_factory=list)  # RoundMeasurementsLists
    validation_measurements: list[dict] = field(default_factory=list)  # Validation...Lists
    compile_time: float = 0.0            # seconds compiling before training (JAX backend)

    @property
    def total_batches(self) -> int:      # TotalBatches
        return len(self.batch_losses)

    @property
    def total_rounds(self) -> int:       # TotalRounds (a round cut short counts)
        return len(self.round_losses)

    @property
    def examples_processed(self) -> int:  # ExamplesProcessed
        return self.total_batches * self.batch_size

    @property
    def round_loss(self) -> float | None:  # RoundLoss
        return self.round_losses[-1] if self.round_losses else None

    @property
    def validation_loss(self) -> float | None:  # ValidationLoss
        return self.validation_losses[-1] if self.validation_losses else None

    @property
    def mean_batches_per_second(self) -> float:  # MeanBatchesPerSecond
        return self.total_batches / self.total_time if self.total_time > 0 else 0.0

    @property
    def mean_examples_per_second(self) -> float:  # MeanExamplesPerSecond
        return self.examples_processed / self.total_time if self.total_time > 0 else 0.0

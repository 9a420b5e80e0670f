package io.gitlore.trainer.training;

import java.nio.file.Path;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.TrainerFixtures;

/** A child JVM for the kill test: trains a dataset-ready record (a JSON file) into a model directory. */
public final class TrainMain {

    private TrainMain() {
    }

    public static void main(String[] args) throws Exception {
        DatasetReady ready = Json.MAPPER.readValue(Path.of(args[0]).toFile(), DatasetReady.class);
        TrainingSettings settings = TrainerFixtures.settings(Long.parseLong(args[2]), Integer.parseInt(args[3]));
        new TrainingRun(settings, Device.cpu(), Optional.empty()).train(ready, Path.of(args[1]),
                (state, planned) -> System.out.println("step " + state.step));
        System.out.println("done");
    }
}

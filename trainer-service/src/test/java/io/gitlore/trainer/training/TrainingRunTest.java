package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.TrainerFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    static Path tmp;
    static DatasetReady ready;

    @BeforeAll
    static void dataset() {
        System.setProperty("ai.djl.offline", "true");
        ready = TrainerFixtures.dataset(tmp, "job-a", 80);
    }

    @Test
    void lossFallsAndTheModelBeatsTheUnigramBaselineOnARealDataset() throws Exception {
        Path modelDir = tmp.resolve("model-a");
        TrainingReport report = new TrainingRun(TrainerFixtures.settings(60, 20), Device.cpu(), Optional.empty())
                .train(ready, modelDir, (state, planned) -> { });

        assertEquals(TrainingReport.Status.COMPLETED, report.status());
        List<TrainingReport.Step> steps = report.history().steps();
        double first = steps.get(0).loss();
        double last = steps.get(steps.size() - 1).loss();
        assertTrue(last < first - 1.5, "loss should fall: first " + first + ", last " + last);
        assertTrue(report.results().testPerplexity() < report.baselines().unigramTestPerplexity(),
                "test perplexity " + report.results().testPerplexity() + " vs unigram "
                        + report.baselines().unigramTestPerplexity());
        assertTrue(report.model().vocabularyPruned());
        assertTrue(report.model().vocabularySize() < report.model().tokenizerVocabularySize());
        assertEquals(TrainingReport.StopReason.MAX_STEPS, report.run().stoppedBy());
        assertEquals(60, report.run().stepsDone());
        assertTrue(report.run().planFraction() > 0 && report.run().planFraction() <= 1);
        assertTrue(report.hardware().samples() >= 1 && report.hardware().peakRamBytes() > 0);
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "training_report.json",
                "loss.png")) {
            assertTrue(Files.isRegularFile(modelDir.resolve(file)), file);
        }
        TrainingReport onDisk = Json.MAPPER.readValue(modelDir.resolve("training_report.json").toFile(),
                TrainingReport.class);
        assertEquals(report.results().testPerplexity(), onDisk.results().testPerplexity());
    }

    @Test
    void theSameSeedGivesTheSameLossCurve() throws Exception {
        TrainingReport a = new TrainingRun(TrainerFixtures.settings(6, 100), Device.cpu(), Optional.empty())
                .train(ready, tmp.resolve("seed-1"), (s, p) -> { });
        TrainingReport b = new TrainingRun(TrainerFixtures.settings(6, 100), Device.cpu(), Optional.empty())
                .train(ready, tmp.resolve("seed-2"), (s, p) -> { });
        assertEquals(a.history().steps().stream().map(TrainingReport.Step::loss).toList(),
                b.history().steps().stream().map(TrainingReport.Step::loss).toList());
        assertEquals(a.results().testLoss(), b.results().testLoss());
        assertNotEquals(a.history().steps().get(0).loss(), a.history().steps().get(5).loss());
    }
}

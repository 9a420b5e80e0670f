package io.gitlore.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.gitlore.contracts.training.TrainingReport;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Takes a report's curves, draws train and validation loss against the step (XChart), writes {@code loss.png}. */
public final class LossChart {

    public static final String FILE = "loss.png";

    private LossChart() {
    }

    public static Path write(TrainingReport.History history, Path dir, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("optimiser step")
                .yAxisTitle("loss (nats per token)").build();
        chart.getStyler().setMarkerSize(4);
        List<TrainingReport.Step> steps = history.steps();
        if (!steps.isEmpty()) {
            chart.addSeries("train", steps.stream().mapToDouble(TrainingReport.Step::step).toArray(),
                    steps.stream().mapToDouble(TrainingReport.Step::loss).toArray())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        List<TrainingReport.Validation> validations = history.validations();
        if (!validations.isEmpty()) {
            chart.addSeries("validation", validations.stream().mapToDouble(TrainingReport.Validation::step).toArray(),
                    validations.stream().mapToDouble(TrainingReport.Validation::loss).toArray());
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}

package io.gitlore.trainer.model;

/** Named model sizes: {@code TINY} trains in minutes on a CPU, {@code GPT2} is the 124M model for a GPU. */
public enum Preset {
    TINY(2, 4, 128, 256, 1e-3),
    SMALL(6, 8, 384, 512, 6e-4),
    GPT2(12, 12, 768, 1024, 6e-4);

    private final int layers;
    private final int heads;
    private final int width;
    private final int contextLength;
    private final double scratchLearningRate;

    Preset(int layers, int heads, int width, int contextLength, double scratchLearningRate) {
        this.layers = layers;
        this.heads = heads;
        this.width = width;
        this.contextLength = contextLength;
        this.scratchLearningRate = scratchLearningRate;
    }

    public GptConfig config(int vocabularySize) {
        return new GptConfig(vocabularySize, contextLength, layers, heads, width, 1e-5);
    }

    /** Peak learning rate for a batch of 8 when training from scratch (fine-tuning uses 5e-5 instead). */
    public double scratchLearningRate() {
        return scratchLearningRate;
    }
}
